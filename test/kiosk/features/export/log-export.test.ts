// Exports hold exactly the filtered rows, parse back (CSV and XLSX), and say who exported them and when.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedEntries } from '../../../support/seed-entries.ts';
import { startConsoleCore, type ConsoleHarness } from '../../../support/console-core.ts';
import type { Caller } from '../../../../src/kiosk/platform/calls/caller.ts';

let h: ConsoleHarness;
let manager: Caller;
const days = ['2026-03-01', '2026-03-02'];

beforeAll(async () => {
  h = await startConsoleCore();
  seedEntries(h.dataDir, { days, perDay: 400 });
  manager = await h.signIn('wang', { password: 'manager-pass' });
});
afterAll(() => h?.close());

/** RFC 4180: quoted fields, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"', i++);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') (row.push(field), (field = ''));
    else if (c === '\n') (row.push(field.replace(/\r$/, '')), rows.push(row), (row = []), (field = ''));
    else field += c;
  }
  return rows;
}

describe('export', () => {
  it('writes a CSV of the range with the filters applied, each row watermarked', async () => {
    const filter = { from: days[0], to: days[1], decision: 'refuse' };
    const expected = await h.call<{ total: number }>('log.query', { filter, limit: 1 }, manager);
    expect(expected.total).toBeGreaterThan(10);
    const file = await h.call<{ fileName: string; base64: string; rows: number }>('export.log', { filter, format: 'csv' }, manager);
    expect(file.fileName).toBe('gate-log-2026-03-01_2026-03-02.csv');
    const text = Buffer.from(file.base64, 'base64').toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(rows).toHaveLength(expected.total);
    expect(file.rows).toBe(expected.total);
    const col = (name: string) => header!.findIndex((h) => h.includes(name));
    for (const row of rows) {
      expect(row).toHaveLength(header!.length);
      expect(row[col('Decision')]).toBe('refuse');
      expect(row[col('Exported by')]).toBe('wang (manager)');
      expect(row[col('Name')]).toContain('*');
    }
    expect(rows[0]![col('Time')]).toMatch(/^2026-03-01 \d\d:\d\d:\d\d$/);
  });

  it('writes an XLSX that reads back with the title line, header and every row', async () => {
    const filter = { from: days[1], fever: true };
    const expected = await h.call<{ total: number }>('log.query', { filter, limit: 1 }, manager);
    const file = await h.call<{ base64: string; rows: number }>('export.log', { filter, format: 'xlsx' }, manager);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as never);
    const sheet = book.getWorksheet('log')!;
    expect(String(sheet.getRow(1).getCell(1).value)).toMatch(/Exported by wang \(manager\) at .* 2026-03-02 fever=true/);
    expect(sheet.getRow(2).getCell(1).value).toBe('时间 Time');
    expect(sheet.rowCount - 2).toBe(expected.total);
    for (let r = 3; r <= sheet.rowCount; r++) expect(Number(sheet.getRow(r).getCell(11).value)).toBeGreaterThanOrEqual(37.3);
  });

  it('keeps a formula out of a CSV cell', async () => {
    const { exportLog } = await import('../../../../src/kiosk/features/export/log-export.ts');
    const fake = { iterate: function* () { yield { id: 'x', at: '2026-03-01T00:00:00Z', at_ms: 0, local_day: '2026-03-01', direction: 'in', lane: 'standard', identity_name: '=HYPERLINK("x")', identity_masked_id: null, code_status: 'green', code_source: 'manual', code_holder_name: null, body_c: null, mask_worn: null, decision: 'pass', reasons: '[]', volunteer: '+v' }; } };
    const { buffer } = await exportLog(fake as never, { from: '2026-03-01' }, 'csv', { by: 'w', role: 'manager', at: new Date(0) }, 'Asia/Shanghai');
    const [, row] = parseCsv(buffer.toString('utf8').slice(1));
    expect(row![14]).toBe("'+v");
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', '"\'\r=1+1"'],
    ['\t\t@cmd', "'\t\t@cmd"],
    ['\tplain', "'\tplain"],
    ['a=1', 'a=1'],
    ['李四', '李四'],
  ])('neutralises the CSV cell %j as %j', async (value, field) => {
    const { csvField } = await import('../../../../src/kiosk/features/export/log-export.ts');
    expect(csvField(value)).toBe(field);
  });
});
