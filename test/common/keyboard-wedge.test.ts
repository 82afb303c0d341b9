import { describe, expect, it } from 'vitest';
import { createWedgeDetector, decodeKey, type WedgeEvent, type WedgeKey, type WedgeOptions } from '../../src/common/keyboard-wedge.ts';

const SHIFTED = ')!@#$%^&*(';
const PUNCT: Record<string, [string, boolean]> = {
  '-': ['Minus', false], _: ['Minus', true], '=': ['Equal', false], '+': ['Equal', true], '/': ['Slash', false], '?': ['Slash', true],
  ':': ['Semicolon', true], ';': ['Semicolon', false], '.': ['Period', false], ' ': ['Space', false], '&': ['Digit7', true],
};

/** The keystroke a US-layout scanner sends for a character. */
function usKey(char: string): Omit<WedgeKey, 'at'> {
  if (/[a-z]/.test(char)) return { key: char, code: `Key${char.toUpperCase()}` };
  if (/[A-Z]/.test(char)) return { key: char, code: `Key${char}`, shift: true };
  if (/\d/.test(char)) return { key: char, code: `Digit${char}` };
  const shiftedDigit = SHIFTED.indexOf(char);
  if (shiftedDigit >= 0) return { key: char, code: `Digit${shiftedDigit}`, shift: true };
  const [code, shift] = PUNCT[char] ?? [undefined, false];
  if (!code) throw new Error(`no US key for ${char}`);
  return { key: char, code, shift };
}

/** Keystrokes for a text with gaps from `gap(i)`, optionally ended by a suffix key. */
function keystrokes(text: string, gap: (i: number) => number, options: { start?: number; suffix?: 'Enter' | 'Tab' } = {}): WedgeKey[] {
  let at = options.start ?? 1000;
  const keys: WedgeKey[] = [];
  [...text].forEach((char, i) => {
    if (i > 0) at += gap(i);
    keys.push({ ...usKey(char), at });
  });
  if (options.suffix) keys.push({ key: options.suffix, code: options.suffix, at: at + gap(text.length) });
  return keys;
}

function run(keys: WedgeKey[], options: Partial<WedgeOptions> = {}): WedgeEvent[] {
  const detector = createWedgeDetector(options);
  const events = keys.flatMap((k) => detector.push(k));
  const deadline = detector.deadline();
  if (deadline !== null) events.push(...detector.tick(deadline));
  return events;
}

const verdicts = (events: WedgeEvent[]) => events.filter((e) => e.kind !== 'progress').map((e) => `${e.kind}:${e.text}`);

const CODE = 'https://hc.example.cn/v?c=Q8xZ-41&s=2';
// A Zebra-class scanner: about 80 ms a key with peaks near 100 ms.
const zebra = (i: number) => [72, 80, 86, 100, 78, 95, 80][i % 7]!;
// A person: 120 ms and slower, irregular.
const human = (i: number) => [120, 180, 135, 240, 125, 160][i % 6]!;

describe('keyboard-wedge scan detection', () => {
  const cases: Array<{ name: string; keys: WedgeKey[]; options?: Partial<WedgeOptions>; expected: string[] }> = [
    { name: 'a fast scanner at 1 ms per key with Enter', keys: keystrokes(CODE, () => 1, { suffix: 'Enter' }), expected: [`scan:${CODE}`] },
    { name: 'a scanner at 10 ms per key with Tab', keys: keystrokes(CODE, () => 10, { suffix: 'Tab' }), expected: [`scan:${CODE}`] },
    { name: 'a Zebra-speed scanner at 80 ms per key (peaks 100 ms)', keys: keystrokes(CODE, zebra, { suffix: 'Enter' }), expected: [`scan:${CODE}`] },
    { name: 'a Zebra-speed scanner without suffix, ended by silence', keys: keystrokes(CODE, zebra), expected: [`scan:${CODE}`] },
    { name: 'steady typing at 120 ms per key', keys: keystrokes('310101199001011234', () => 120, { suffix: 'Enter' }), expected: ['typing:310101199001011234'] },
    { name: 'a fast burst shorter than the minimum length', keys: keystrokes('ab1', () => 5, { suffix: 'Enter' }), expected: ['typing:ab1'] },
    {
      name: 'a fast burst with one long pause inside',
      keys: keystrokes('ABCDEFGH', (i) => (i === 4 ? 190 : 10)),
      expected: ['typing:ABCDEFGH'],
    },
    {
      name: 'two scans separated by silence',
      keys: [...keystrokes('FIRST-123', () => 5), ...keystrokes('SECOND-456', () => 5, { start: 5000 })],
      expected: ['scan:FIRST-123', 'scan:SECOND-456'],
    },
    {
      name: 'requireSuffix turns a burst ended by silence into typing',
      keys: keystrokes(CODE, () => 5),
      options: { requireSuffix: true },
      expected: [`typing:${CODE}`],
    },
    {
      name: 'a stricter median accepts 10 ms but rejects Zebra speed',
      keys: keystrokes(CODE, zebra, { suffix: 'Enter' }),
      options: { maxMedianGapMs: 30 },
      expected: [`typing:${CODE}`],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(verdicts(run(c.keys, c.options))).toEqual(c.expected);
    });
  }

  it('never mistakes irregular human typing (pauses split it into bursts) for a scan', () => {
    const events = run(keystrokes('hello world 310101', human, { suffix: 'Enter' }));
    expect(events.every((e) => e.kind === 'typing')).toBe(true);
    expect(events.map((e) => e.kind === 'typing' && e.text).join('')).toBe('hello world 310101');
  });

  it('reports why typing is not a scan', () => {
    const [event] = run(keystrokes('abcdefgh', () => 130, { suffix: 'Enter' }));
    expect(event).toMatchObject({ kind: 'typing', reason: expect.stringContaining('130 ms apart') });
  });

  it('shows progress through a long payload at Zebra speed', () => {
    const payload = 'X'.repeat(300);
    const events = run(keystrokes(payload, zebra, { suffix: 'Enter' }));
    const progress = events.filter((e) => e.kind === 'progress');
    expect(progress.map((p) => p.chars)).toEqual(Array.from({ length: 15 }, (_, i) => (i + 1) * 20));
    expect(verdicts(events)).toEqual([`scan:${payload}`]);
  });

  it('decodes from key codes, so another OS layout or an active IME cannot corrupt the scan', () => {
    const us = keystrokes('Zy-2026/QR', () => 5, { suffix: 'Enter' });
    // What a German layout reports as `key` for the same physical keys, and what an IME reports.
    const german = us.map((k) => ({ ...k, key: k.code === 'KeyZ' ? 'Y' : k.code === 'KeyY' ? 'z' : k.code === 'Minus' ? 'ß' : k.code === 'Slash' ? '-' : k.key }));
    const ime = us.map((k) => (k.code?.startsWith('Key') ? { ...k, key: 'Process' } : k));
    expect(verdicts(run(german))).toEqual(['scan:Zy-2026/QR']);
    expect(verdicts(run(ime))).toEqual(['scan:Zy-2026/QR']);
    expect(verdicts(run(german, { decodeFrom: 'key' }))).toEqual(['scan:Yz\u00df2026-QR']);
  });

  it('decodes shifted symbols from the code and Shift state', () => {
    expect(decodeKey({ key: '"', code: 'Digit2', shift: true, at: 0 })).toBe('@');
    expect(decodeKey({ key: 'a', code: 'KeyA', capsLock: true, at: 0 })).toBe('A');
    expect(decodeKey({ key: 'x', code: 'Numpad7', at: 0 })).toBe('7');
    expect(decodeKey({ key: 'ArrowLeft', code: 'ArrowLeft', at: 0 })).toBeNull();
    expect(decodeKey({ key: 'é', at: 0 })).toBe('é');
  });

  it('turns Alt + numpad digits into one non-ASCII character', () => {
    const keys: WedgeKey[] = [...keystrokes('NAME', () => 5)];
    let at = keys.at(-1)!.at;
    keys.push({ key: 'Alt', code: 'AltLeft', alt: true, at: (at += 5) });
    for (const d of '20013') keys.push({ key: d, code: `Numpad${d}`, alt: true, at: (at += 5) });
    keys.push({ key: 'Alt', code: 'AltLeft', type: 'keyUp', at: (at += 5) });
    keys.push({ ...usKey('1'), at: (at += 5) }, { key: 'Enter', code: 'Enter', at: (at += 5) });
    expect(verdicts(run(keys))).toEqual(['scan:NAME中1']);
  });

  it('reports the silence deadline and what is pending', () => {
    const detector = createWedgeDetector();
    expect(detector.deadline()).toBeNull();
    for (const k of keystrokes('ABCDEFG', () => 10, { start: 0 })) detector.push(k);
    expect(detector.pending()).toEqual({ chars: 7, startedAt: 0 });
    expect(detector.deadline()).toBe(260);
    expect(detector.tick(259)).toEqual([]);
    expect(verdicts(detector.tick(260))).toEqual(['scan:ABCDEFG']);
    expect(detector.pending()).toBeNull();
  });
});

describe('keyboard-wedge module boundary', () => {
  it('imports only pure siblings in src/common, so both the renderer and the Electron main process can load it', async () => {
    const { readFile } = await import('node:fs/promises');
    const read = (name: string) => readFile(new URL(`../../src/common/${name}`, import.meta.url), 'utf8');
    const source = await read('keyboard-wedge.ts');
    const imports = [...source.matchAll(/^\s*import\s[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1]!);
    expect(imports).toEqual(['./median.ts']);
    for (const text of [source, ...(await Promise.all(imports.map((path) => read(path.slice(2)))))]) {
      expect(text).not.toMatch(/\b(window\.|document\.|process\.|require\()/);
      expect(text.match(/^\s*import\s/gm) ?? []).toHaveLength(text === source ? imports.length : 0);
    }
  });
});
