// Roster import: a row-by-row report of what is wrong where, and nothing saved unless every row is right; resident
// cards signed with the compound's key verify at the gate.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../../../src/kiosk/platform/calls/caller.ts';
import { parseCsv } from '../../../../src/kiosk/features/roster/table-file.ts';
import { startConsoleCore, type ConsoleHarness } from '../../../support/console-core.ts';

let h: ConsoleHarness;
let manager: Caller;
beforeAll(async () => {
  h = await startConsoleCore();
  manager = await h.signIn('wang', { password: 'manager-pass' });
});
afterAll(() => h?.close());

const csv = (text: string) => Buffer.from(`\uFEFF${text}`, 'utf8').toString('base64');
const count = (table: string) => (h.core.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
type Report = { ok: boolean; rows: number; imported: number; problems: Array<{ row: number; message: string }> };
const importFile = (input: Record<string, unknown>, caller: Caller = manager) => h.call<Report>('roster.import', input, caller);

describe('roster import', () => {
  it('parses RFC 4180 CSV: quotes, doubled quotes, line breaks, CRLF', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\n"two\nlines",z')).toEqual([['a', 'b'], ['x, y', 'say "hi"'], ['two\nlines', 'z']]);
  });

  it('reports every bad row by number and saves nothing, then saves all when fixed', async () => {
    const bad = '楼栋,单元,房号,备注\n3,2,501,\n,1,101,no building\n3,2,502,\n3,2,501,duplicate of row 2\n4,,ABCDEFGHIJKLMNOPQRSTUVWXYZ,room too long\n';
    const report = await importFile({ kind: 'households', format: 'csv', base64: csv(bad) });
    expect(report).toMatchObject({ ok: false, rows: 5, imported: 0 });
    expect(report.problems.map((p) => p.row)).toEqual([3, 5, 6]);
    expect(report.problems[0]!.message).toMatch(/building/);
    expect(report.problems[1]!.message).toMatch(/already on the roster/);
    expect(count('households')).toBe(0);

    const good = '楼栋,单元,房号\n3,2,501\n3,2,502\n5,,101\n';
    expect(await importFile({ kind: 'households', format: 'csv', base64: csv(good) })).toMatchObject({ ok: true, rows: 3, imported: 3, problems: [] });
    expect(count('households')).toBe(3);
  });

  it('checks without saving on a dry run', async () => {
    const report = await importFile({ kind: 'vehicles', format: 'csv', base64: csv('household,plate\n3-2-501,京A12345\n'), dryRun: true });
    expect(report).toMatchObject({ ok: true, rows: 1, imported: 0 });
    expect(count('vehicles')).toBe(0);
  });

  it('imports residents from XLSX, refusing a household that is not on the roster', async () => {
    const xlsx = async (rows: string[][]) => {
      const book = new ExcelJS.Workbook();
      book.addWorksheet('住户').addRows(rows);
      return Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
    };
    const base64 = await xlsx([['户', '姓名', '电话'], ['3-2-501', '张三', '13800001111'], ['9-9-909', '李四', ''], ['3-2-502', '', '']]);
    const report = await importFile({ kind: 'residents', format: 'xlsx', base64 });
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      { row: 3, message: expect.stringMatching(/9-9-909 is not on the roster/), key: 'import-household-first', params: { household: '9-9-909' } },
      { row: 4, message: expect.stringMatching(/name/), key: 'invalid-input', params: { field: 'name', rule: 'required' } },
    ]);
    expect(count('residents')).toBe(0);
    const fixed = await xlsx([['户', '姓名', '电话'], ['3-2-501', '张三', '13800001111']]);
    expect(await importFile({ kind: 'residents', format: 'xlsx', base64: fixed })).toMatchObject({ ok: true, imported: 1 });
    expect(count('residents')).toBe(1);
  });

  it('names the missing columns when the header is wrong, and refuses a volunteer', async () => {
    expect(await h.result('roster.import', { kind: 'vehicles', format: 'csv', base64: csv('foo,bar\n1,2\n') }, manager)).toMatchObject({ ok: false, error: { code: 'bad-input', message: expect.stringMatching(/missing: household.*plate/) } });
    const volunteer = await h.signIn('li', { password: 'volunteer-pass' });
    expect(await h.result('roster.import', { kind: 'households', format: 'csv', base64: csv('building,room\n1,1\n') }, volunteer)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('prints resident cards that the gate verifies as resident cards', async () => {
    const residents = await h.call<{ residents: Array<{ id: string }> }>('roster.residents.list', {}, manager);
    const { cards } = await h.call<{ cards: Array<{ code: string; cardId: string }> }>('roster.cards', { residentIds: [residents.residents[0]!.id] }, manager);
    expect(cards[0]!.code).toMatch(/^GK1:/);
    const check = await h.call<{ result: { status: string; source: string; cardId: string } }>('codes.verify', { text: cards[0]!.code });
    expect(check.result).toMatchObject({ status: 'green', source: 'resident-card', cardId: cards[0]!.cardId });
  });

  it('reads a 10,000-row XLSX in the console worker and tells the screen how far the import is', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('户');
    sheet.addRow(['楼栋', '单元', '房号']);
    for (let i = 0; i < 10_000; i++) sheet.addRow([`${100 + Math.floor(i / 100)}`, '1', `${1000 + (i % 100)}`]);
    const base64 = Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
    const seen: Array<{ id: string; task: string; done: number; total: number | null; finished: boolean }> = [];
    const stop = h.core.bus.onAny((event, payload) => event === 'console.progress' && seen.push(payload as never));
    try {
      expect(await importFile({ kind: 'households', format: 'xlsx', base64, progressId: 'import-1' })).toMatchObject({ ok: true, rows: 10_000, imported: 10_000 });
    } finally {
      stop();
    }
    const mine = seen.filter((p) => p.id === 'import-1');
    expect(mine.every((p) => p.task === 'import')).toBe(true);
    expect(mine[0]).toMatchObject({ done: 0, total: null, finished: false });
    expect(mine.filter((p) => !p.finished && p.total === 10_000).map((p) => p.done)).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000]);
    expect(mine.at(-1)).toEqual({ id: 'import-1', task: 'import', done: 10_000, total: 10_000, finished: true });
    expect(count('households')).toBeGreaterThanOrEqual(10_000);
  }, 120_000);

  it('says a file that is not an Excel file is not one, from the worker too', async () => {
    expect(await h.result('roster.import', { kind: 'households', format: 'xlsx', base64: csv('building,room\n1,1\n') }, manager)).toMatchObject({ ok: false, error: { code: 'bad-input', message: expect.stringMatching(/not an Excel/) } });
  });
});
