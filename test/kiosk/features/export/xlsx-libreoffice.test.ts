// The XLSX export opened by a real spreadsheet: Debian's LibreOffice Calc, headless, reads the file back to CSV
// twice, once as the manager sees it (words in the chosen language, times in the compound's zone) and once as the
// cells hold it (the time a real date: a serial day number, not text; the temperature a number).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportLog, type ExportLanguage } from '../../../../src/kiosk/features/export/log-export.ts';
import { maskName } from '../../../../src/kiosk/features/log/log-filter.ts';
import { createLogQueries } from '../../../../src/kiosk/features/log/log-queries.ts';
import { openStore, type Db } from '../../../../src/kiosk/platform/store/open-store.ts';
import { seedEntries } from '../../../support/seed-entries.ts';
import { tempDir } from '../../../support/temp-dir.ts';

let temp: ReturnType<typeof tempDir>;
let db: Db;
const day = '2026-03-01';
const mark = { by: 'wang', role: 'manager', at: new Date('2026-03-02T01:00:00Z') };

beforeAll(() => {
  temp = tempDir('gate-xlsx-lo-');
  seedEntries(temp.dir, { days: [day], perDay: 300 });
  db = openStore(temp.dir);
  // One entry with the awkward cases: a formula-looking volunteer, XML's own characters, a control character.
  db.prepare(`INSERT INTO entries (id, at, at_ms, local_day, direction, lane, identity_name, code_status, code_source, code_checked_at, body_c, mask_worn, decision, reasons, volunteer, person_kind)
    VALUES ('odd', '2026-03-01T15:59:59Z', ?, '2026-03-01', 'out', 'standard', '<王&明>', 'red', 'manual', '2026-03-01T15:59:59Z', 37.6, 0, 'refuse', '["code-red","fever","mask-missing"]', '=1+1\u0001', 'visitor')`).run(Date.parse('2026-03-01T15:59:59Z'));
});
afterAll(() => {
  db?.close();
  temp?.remove();
});

/** LibreOffice's CSV filter: comma, double quote, UTF-8, from row 1; token 9 says whether cells are written as shown. */
function openInCalc(xlsx: Buffer, name: string, asShown: boolean): string[][] {
  const dir = path.join(temp.dir, name);
  const file = path.join(temp.dir, `${name}.xlsx`);
  writeFileSync(file, xlsx);
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${temp.dir}/lo-profile`, '--convert-to', `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,${asShown},false,false,1`, '--outdir', dir, file], {
    stdio: 'ignore',
    timeout: 180_000,
    env: { ...process.env, HOME: temp.dir },
  });
  // With one sheet named, LibreOffice names the file after the sheet too.
  return readFileSync(path.join(dir, `${name}-log.csv`), 'utf8')
    .split(/\r?\n/)
    .filter(Boolean)
    .map((line) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.slice(0, -1).map((cell) => cell.replace(/,$/, '').replace(/^"(.*)"$/s, '$1').replace(/""/g, '"')));
}

const exportOf = (language: ExportLanguage) => exportLog(createLogQueries(db, () => 37.3), { from: day }, 'xlsx', { language, timeZone: 'Asia/Shanghai', mark });

describe('XLSX export in LibreOffice', () => {
  it('reads back every row in Chinese words with the codes beside them and local times', () => {
    const file = exportOf('zh');
    const [title, header, ...rows] = openInCalc(file.buffer, 'zh', true);
    expect(title![0]).toBe('导出人 wang (manager) · 导出时间 2026-03-02 09:00:00 · 2026-03-01');
    expect(header!.slice(0, 4)).toEqual(['时间', '方向', '通道', '姓名']);
    expect(rows).toHaveLength(file.rows);
    expect(rows).toHaveLength(301);
    const col = (name: string) => header!.indexOf(name);
    for (const row of rows) {
      expect(['通行', '拒绝']).toContain(row[col('结果')]);
      expect(row[col('结果')]).toBe(row[col('decision_code')] === 'pass' ? '通行' : '拒绝');
      // The compound's wall clock (UTC+8) of the UTC moment beside it.
      expect(row[col('时间')]).toBe(new Date(Date.parse(row[col('at_utc')]!) + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' '));
    }
    const odd = rows.find((r) => r[col('entry_id')] === 'odd')!;
    expect(odd[col('时间')]).toBe('2026-03-01 23:59:59');
    expect(odd[col('姓名')]).toBe(maskName('<王&明>'));
    expect(odd[col('姓名')]).toMatch(/^<.*\*/);
    expect(odd[col('原因')]).toBe('红码、发热、未戴口罩');
    expect(odd[col('reason_codes')]).toBe('code-red fever mask-missing');
    expect(odd[col('口罩')]).toBe('未戴');
    expect(odd[col('类别')]).toBe('访客');
    expect(odd[col('健康码')]).toBe('红码');
    // Text stays text: a spreadsheet never ran the volunteer's "formula" (the control character is dropped).
    expect(odd[col('值班')]).toBe('=1+1');
  }, 240_000);

  it('keeps times as real dates and temperatures as numbers in the cells, and speaks English when asked', () => {
    const file = exportOf('en');
    const [, header, ...rows] = openInCalc(file.buffer, 'en', true);
    expect(header!.slice(0, 3)).toEqual(['Time', 'Direction', 'Lane']);
    const col = (name: string) => header!.indexOf(name);
    const odd = rows.find((r) => r[col('entry_id')] === 'odd')!;
    expect(odd[col('Decision')]).toBe('Refused');
    expect(odd[col('Reasons')]).toBe('Red code; Fever; No mask');
    // LibreOffice's own document (flat ODS) says what type each cell has: the times are dates, the readings numbers.
    const dir = path.join(temp.dir, 'fods');
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${temp.dir}/lo-profile`, '--convert-to', 'fods', '--outdir', dir, path.join(temp.dir, 'en.xlsx')], { stdio: 'ignore', timeout: 180_000, env: { ...process.env, HOME: temp.dir } });
    const document = readFileSync(path.join(dir, 'en.fods'), 'utf8');
    const dates = [...document.matchAll(/office:value-type="date" office:date-value="([^"]+)"/g)].map((m) => m[1]);
    expect(dates).toHaveLength(file.rows);
    expect(dates).toContain('2026-03-01T23:59:59');
    expect(document).toMatch(/office:value-type="float" office:value="37.6"/);
  }, 240_000);
});
