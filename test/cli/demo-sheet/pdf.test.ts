import { describe, expect, it } from 'vitest';
import { pdfString, renderPdf, wrap } from '../../../src/cli/demo-sheet/pdf.ts';
import { unsafePath } from '../../../src/cli/install-service/units.ts';

describe('the demo sheet PDF writer', () => {
  it.each([
    ['plain', '(plain)'],
    ['a (b) c', '(a \\(b\\) c)'],
    ['back\\slash', '(back\\\\slash)'],
    ['王*国 3-2-501', '(?*? 3-2-501)'],
  ])('writes %j as the literal %s', (text, literal) => expect(pdfString(text)).toBe(literal));

  it.each([
    { text: 'one two three four', size: 10, width: 40, want: ['one two', 'three', 'four'] },
    { text: 'short', size: 10, width: 200, want: ['short'] },
    { text: 'averyveryverylongword next', size: 10, width: 40, want: ['averyveryverylongword', 'next'] },
  ])('wraps $text at $width pt', ({ text, size, width, want }) => expect(wrap(text, size, width)).toEqual(want));

  it('writes a PDF whose cross-reference table points at each object', () => {
    const pdf = renderPdf([(page) => { page.rect(10, 10, 5, 5, [0, 0, 0]); page.text(20, 20, 12, 'Hi (there)'); }]).toString('latin1');
    expect(pdf.startsWith('%PDF-1.4')).toBe(true);
    const xref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(pdf)![1]);
    expect(pdf.slice(xref, xref + 4)).toBe('xref');
    const offsets = [...pdf.slice(xref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    offsets.forEach((offset, i) => expect(pdf.slice(offset, offset + 8)).toBe(`${i + 1} 0 obj\n`));
    expect(pdf).toContain('(Hi \\(there\\)) Tj');
  });
});

describe('paths in a systemd unit', () => {
  it.each([
    ['/opt/gate-kiosk/data', null],
    ['data', /not an absolute path/],
    ['/home/li/my data', /space/],
    ['/srv/100%', /%/],
    ['/srv/$HOME', /\$/],
  ])('%s', (value, problem) => {
    const found = unsafePath(value);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
  });
});
