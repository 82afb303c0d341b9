// Exports hold exactly the filtered rows, parse back (CSV and XLSX), speak the manager's language with the codes beside
// the words, keep times as the compound's local time, say who exported them and when, and tell the screen how far
// they are.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../src/common/csv.ts';
import { Decision, Direction, Lane, PersonKind, RefusalReason } from '../../../../src/common/contract/entries.ts';
import { CodeSource } from '../../../../src/common/contract/health-code.ts';
import type { ConsoleProgress } from '../../../../src/common/contract/console.ts';
import { EXPORT_WORDS } from '../../../../src/kiosk/features/export/export-words.ts';
import { CODE_FIELDS, EXPORT_COLUMNS, csvField, exportLog, writeExport } from '../../../../src/kiosk/features/export/log-export.ts';
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

type File = { fileName: string; base64: string; rows: number };

describe('export', () => {
  it('writes a CSV of the range with the filters applied, in Chinese words with the codes beside them, each row watermarked', async () => {
    const filter = { from: days[0], to: days[1], decision: 'refuse' };
    const expected = await h.call<{ total: number }>('log.query', { filter, limit: 1 }, manager);
    expect(expected.total).toBeGreaterThan(10);
    const file = await h.call<File>('export.log', { filter, format: 'csv' }, manager);
    expect(file.fileName).toBe('gate-log-2026-03-01_2026-03-02.csv');
    const text = Buffer.from(file.base64, 'base64').toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(rows).toHaveLength(expected.total);
    expect(file.rows).toBe(expected.total);
    const col = (name: string) => {
      const at = header!.indexOf(name);
      expect(at, `column ${name} in ${header!.join(',')}`).toBeGreaterThanOrEqual(0);
      return at;
    };
    for (const row of rows) {
      expect(row).toHaveLength(header!.length);
      expect(row[col('结果')]).toBe('拒绝');
      expect(row[col('decision_code')]).toBe('refuse');
      expect(row[col('方向')]).toBe(row[col('direction_code')] === 'in' ? '进' : '出');
      expect(row[col('导出人')]).toBe('wang (manager)');
      expect(row[col('姓名')]).toContain('*');
      // Each reason's word, in the order of its code.
      const codes = row[col('reason_codes')]!.split(' ');
      expect(row[col('原因')]).toBe(codes.map((c) => EXPORT_WORDS.zh.reason[c as RefusalReason]).join('、'));
    }
    // Local time in the compound's zone (Asia/Shanghai, UTC+8) beside the UTC moment.
    const first = rows[0]!;
    expect(first[col('时间')]).toMatch(/^2026-03-01 \d\d:\d\d:\d\d$/);
    const utc = Date.parse(first[col('at_utc')]!);
    expect(first[col('时间')]).toBe(new Date(utc + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' '));
  });

  it('speaks English when the manager chose it', async () => {
    const file = await h.call<File>('export.log', { filter: { from: days[0], decision: 'refuse' }, format: 'csv', language: 'en' }, manager);
    const [header, ...rows] = parseCsv(Buffer.from(file.base64, 'base64').toString('utf8').slice(1));
    expect(header!.slice(0, 3)).toEqual(['Time', 'Direction', 'Lane']);
    expect(new Set(rows.map((r) => r[header!.indexOf('Decision')]))).toEqual(new Set(['Refused']));
  });

  it('writes an XLSX that reads back: title line, header, every row, times as real dates and temperatures as numbers', async () => {
    const filter = { from: days[1], fever: true };
    const expected = await h.call<{ total: number }>('log.query', { filter, limit: 1 }, manager);
    expect(expected.total).toBeGreaterThan(0);
    const file = await h.call<File>('export.log', { filter, format: 'xlsx' }, manager);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as never);
    const sheet = book.getWorksheet('log')!;
    expect(String(sheet.getRow(1).getCell(1).value)).toMatch(/导出人 wang \(manager\) · 导出时间 .* · 2026-03-02 fever=true/);
    expect(sheet.getRow(2).getCell(1).value).toBe('时间');
    expect(sheet.rowCount - 2).toBe(expected.total);
    const header = (sheet.getRow(2).values as unknown[]).slice(1);
    const at = (name: string) => header.indexOf(name) + 1;
    for (let r = 3; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      expect(row.getCell(at('体温（°C）')).value as number).toBeGreaterThanOrEqual(37.3);
      expect(row.getCell(at('原因')).value).toMatch(/发热/);
      // A date cell holds the local wall clock (exceljs reads a date-formatted number as a Date of that clock in UTC).
      const time = row.getCell(1).value as Date;
      expect(time).toBeInstanceOf(Date);
      expect(time.getTime()).toBe(Date.parse(String(row.getCell(at('at_utc')).value)) + 8 * 3600_000);
    }
  });

  it('tells the screen that asked how far the export is, ending with every row', async () => {
    const seen: ConsoleProgress[] = [];
    const stop = h.core.bus.onAny((event, payload) => event === 'console.progress' && seen.push(payload as ConsoleProgress));
    try {
      const file = await h.call<File>('export.log', { filter: { from: days[0], to: days[1] }, format: 'xlsx', progressId: 'screen-1' }, manager);
      expect(file.rows).toBe(800);
      expect(seen.length).toBeGreaterThanOrEqual(2);
      expect(seen.every((p) => p.id === 'screen-1' && p.task === 'export')).toBe(true);
      expect(seen[0]).toMatchObject({ done: 0, total: 800, finished: false });
      expect(seen.at(-1)).toEqual({ id: 'screen-1', task: 'export', done: 800, total: 800, finished: true });
    } finally {
      stop();
    }
  });

  it('refuses a progress id that is not a plain name, and a language it does not speak', async () => {
    for (const input of [{ progressId: '<script>' }, { progressId: 'x'.repeat(65) }, { language: 'fr' }]) {
      const answer = await h.result('export.log', { filter: { from: days[0] }, format: 'csv', ...input }, manager);
      expect(answer.ok).toBe(false);
      expect(answer.error?.code).toBe('bad-input');
    }
  });

  it('has a word for every code, in both languages', () => {
    for (const language of ['zh', 'en'] as const) {
      const w = EXPORT_WORDS[language];
      const tables: Array<[Record<string, string>, readonly string[]]> = [
        [w.direction, Direction.options], [w.lane, Lane.options], [w.person, PersonKind.options], [w.codeSource, CodeSource.options],
        [w.decision, Decision.options], [w.reason, RefusalReason.options], [w.code, ['green', 'yellow', 'red', 'review', 'invalid', 'error']],
      ];
      for (const [table, codes] of tables) for (const code of codes) expect(table[code], `${language} ${code}`).toMatch(/\S/);
    }
    expect(EXPORT_WORDS.zh.decision).toEqual({ pass: '通行', refuse: '拒绝' });
    expect(EXPORT_WORDS.zh.reason.fever).toBe('发热');
  });

  it('keeps a formula out of a CSV cell', () => {
    const fake = { iterate: function* () { yield { id: 'x', at: '2026-03-01T00:00:00Z', at_ms: 0, local_day: '2026-03-01', direction: 'in', lane: 'standard', identity_name: '=HYPERLINK("x")', identity_masked_id: null, code_status: 'green', code_source: 'manual', code_holder_name: null, body_c: null, mask_worn: null, decision: 'pass', reasons: '[]', volunteer: '+v' }; } };
    const { buffer } = exportLog(fake as never, { from: '2026-03-01' }, 'csv', { language: 'zh', timeZone: 'Asia/Shanghai', mark: { by: 'w', role: 'manager', at: new Date(0) } });
    const [, row] = parseCsv(buffer.toString('utf8').slice(1));
    expect(row![14]).toBe("'+v");
  });

  it('writes whole lines into each piece, across many pieces and a line longer than a piece', () => {
    const row = (i: number) => ({
      id: `e${i}`, at: new Date(i * 61_000).toISOString(), at_ms: i * 61_000, local_day: new Date(i * 61_000 + 8 * 3600_000).toISOString().slice(0, 10),
      direction: 'in', lane: 'standard', identity_name: '王小明', identity_masked_id: null, code_status: 'green', code_source: 'manual', code_holder_name: null,
      body_c: 36.5, mask_worn: 1, decision: 'pass', reasons: i % 7 ? '[]' : '["fever","not-a-reason-here"]',
      // 40,000 CJK characters are 120,000 bytes of UTF-8: more than one piece by themselves.
      volunteer: i === 1500 ? '长'.repeat(40_000) : `志愿者${i}`,
    });
    const source = { iterate: function* () { for (let i = 0; i < 3000; i++) yield row(i); } };
    const chunks: Buffer[] = [];
    const count = writeExport(source as never, { from: '1970-01-01' }, 'csv', { language: 'zh', timeZone: 'Asia/Shanghai', mark: { by: 'w', role: null, at: new Date(0) } }, (c) => chunks.push(Buffer.from(c)));
    expect(count).toBe(3000);
    expect(chunks.length).toBeGreaterThan(5);
    for (const chunk of chunks) expect(chunk.subarray(-2).toString()).toBe('\r\n');
    const [header, ...rows] = parseCsv(Buffer.concat(chunks).toString('utf8').slice(1));
    expect(rows).toHaveLength(3000);
    const at = (name: string) => header!.indexOf(name);
    rows.forEach((r, i) => {
      expect(r).toHaveLength(header!.length);
      expect(r[at('entry_id')]).toBe(`e${i}`);
      expect(r[at(EXPORT_WORDS.zh.columns.volunteer)]).toBe(row(i).volunteer);
      expect(r[at('reason_codes')]).toBe(i % 7 ? '' : 'fever');
      expect(r[0]).toBe(new Date(i * 61_000 + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' '));
    });
  });

  // The coded columns' cells are made once per combination of the row's codes: a column marked coded that read
  // anything else would repeat the first row's value down the export.
  it.each(EXPORT_COLUMNS.map((c, i) => [i, c] as const).filter(([, c]) => c.coded))('column %i depends on the row\'s codes alone', (_i, column) => {
    const row = { id: 'a', at: '2026-03-01T00:00:00Z', at_ms: 0, local_day: '2026-03-01', direction: 'in', lane: 'fast', identity_name: '王小明', identity_masked_id: '1101**********1234', code_status: 'green', code_source: 'gk1', code_holder_name: '王小明', body_c: 36.5, mask_worn: 1, decision: 'refuse', reasons: '["fever"]', volunteer: '李', person_kind: 'resident', household_label: '3-2-501', plate: '京A12345', override_id: 'o1' };
    const other = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, (CODE_FIELDS as readonly string[]).includes(k) ? v : typeof v === 'number' ? v + 1 : `${v}x`]));
    const value = (raw: Record<string, unknown>) => column.value({ raw: raw as never, reasons: ['fever'], wallClockMs: Number(raw.at_ms) }, EXPORT_WORDS.zh, 'w (manager)', '2026-03-01 08:00:00');
    expect(value(other)).toEqual(value(row));
  });

  // Small cycles of each code make rows that differ in one code alone (a code left out of the combination would
  // repeat another row's words); 5,000 different reason texts are more combinations than an export remembers.
  it.each([
    ['every code of the combination', 2_000, false],
    ['past the combinations it remembers, and when one comes back', 6_000, true],
  ])('writes every row\'s own words and codes: %s', (_what, rowCount, unique) => {
    // Each code drawn on its own from the row's shape, so many pairs of rows differ in one code alone.
    const pick = <T>(list: readonly T[], shape: number, code: number) => list[(Math.imul(shape + 1, 0x9e3779b1 ^ Math.imul(code + 1, 0x85ebca6b)) >>> 8) % list.length]!;
    const row = (i: number) => {
      const shape = i < 5_000 ? i : i - 5_000; // rows past 5,000 repeat the first combinations
      const reason = pick(RefusalReason.options, shape, 0);
      return {
        id: `e${i}`, at: new Date(i * 1000).toISOString(), at_ms: i * 1000, local_day: '1970-01-01', identity_name: null, identity_masked_id: null, code_holder_name: null, body_c: 36.6, volunteer: 'v',
        direction: pick(Direction.options, shape, 1), lane: pick(Lane.options, shape, 2), person_kind: pick(PersonKind.options, shape, 3), code_status: pick(['green', 'red', 'yellow', 'invalid'], shape, 4),
        code_source: pick(CodeSource.options, shape, 5), mask_worn: pick([0, 1, null], shape, 6), decision: pick(Decision.options, shape, 7),
        reasons: JSON.stringify(unique ? [reason, `unknown-${shape}`] : [reason]),
      };
    };
    const source = { iterate: function* () { for (let i = 0; i < rowCount; i++) yield row(i); } };
    const { buffer } = exportLog(source as never, { from: '1970-01-01' }, 'csv', { language: 'zh', timeZone: 'UTC', mark: { by: 'w', role: null, at: new Date(0) } });
    const [header, ...rows] = parseCsv(buffer.toString('utf8').slice(1));
    const at = (name: string) => header!.indexOf(name);
    const zh = EXPORT_WORDS.zh;
    expect(rows).toHaveLength(rowCount);
    rows.forEach((r, i) => {
      const want = row(i);
      const reason = JSON.parse(want.reasons)[0] as RefusalReason;
      expect([r[at('entry_id')], r[at('direction_code')], r[at('lane_code')], r[at('person_code')], r[at('code_status')], r[at('code_source')], r[at('mask_worn')], r[at('decision_code')], r[at('reason_codes')]]).toEqual([
        want.id, want.direction, want.lane, want.person_kind, want.code_status, want.code_source, want.mask_worn === null ? '' : String(want.mask_worn), want.decision, reason,
      ]);
      expect([r[at(zh.columns.direction)], r[at(zh.columns.lane)], r[at(zh.columns.person)], r[at(zh.columns.code)], r[at(zh.columns.codeSource)], r[at(zh.columns.mask)], r[at(zh.columns.decision)], r[at(zh.columns.reasons)]]).toEqual([
        zh.direction[want.direction], zh.lane[want.lane], zh.person[want.person_kind], zh.code[want.code_status as 'green'], zh.codeSource[want.code_source],
        want.mask_worn === null ? '' : want.mask_worn ? zh.mask.worn : zh.mask.missing, zh.decision[want.decision], zh.reason[reason],
      ]);
    });
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', '"\'\r=1+1"'],
    ['\n=1+1', '"\'\n=1+1"'],
    ['\t\t@cmd', "'\t\t@cmd"],
    ['\tplain', "'\tplain"],
    ['a=1', 'a=1'],
    ['3-2-501', '3-2-501'],
    ['say "hi"', '"say ""hi"""'],
    ['李四', '李四'],
    ['', ''],
    ['\nplain', '"\nplain"'],
    ['a,b', '"a,b"'],
    ['2026-04-01T08:12:33.123Z', '2026-04-01T08:12:33.123Z'],
  ])('neutralises the CSV cell %j as %j', (value, field) => {
    expect(csvField(value)).toBe(field);
  });
});
