// `gate-kiosk export | import | purge` as a person runs them in a terminal's place (real CLI processes on a real
// data folder): progress on stderr as the work goes, a last line saying what was done, audited; bad arguments and bad
// rows answered with what to fix.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKioskDb } from '../support/kiosk-db.ts';
import { seedEntries } from '../support/seed-entries.ts';
import { tempDir } from '../support/temp-dir.ts';

const CLI = fileURLToPath(new URL('../../src/cli/gate-kiosk.ts', import.meta.url));
let temp: ReturnType<typeof tempDir>;
const days = ['2026-01-10', '2026-01-11'];

const cli = (...args: string[]) => {
  const run = spawnSync(process.execPath, [CLI, ...args, '--data', temp.dir], { cwd: temp.dir, encoding: 'utf8', timeout: 180_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
};
const audit = (action: string) => {
  const db = openKioskDb(temp.dir, { readonly: true });
  try {
    return db.prepare('SELECT actor, subject, detail FROM audit_log WHERE action = ? ORDER BY seq').all(action) as Array<{ actor: string; subject: string; detail: string }>;
  } finally {
    db.close();
  }
};

beforeAll(() => {
  temp = tempDir('gate-cli-work-');
  seedEntries(temp.dir, { days, perDay: 6_000 });
}, 120_000);
afterAll(() => temp?.remove());

describe('gate-kiosk export, import, purge', () => {
  it('exports a range with its progress, and the audit log names the machine user', () => {
    const run = cli('export', '--from', days[0]!, '--to', days[1]!, '--out', 'two-days.xlsx');
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stderr.trim().split('\n');
    // Not a terminal: one line per tenth of the rows, then what was done.
    expect(lines[0]).toBe('Exporting entries: 0 of 12,000 (0%)');
    expect(lines.filter((l) => /^Exporting entries: [\d,]+ of 12,000 \(\d+%\)$/.test(l)).length).toBeGreaterThanOrEqual(3);
    expect(lines.at(-2)).toBe('Exporting entries: 12,000 of 12,000 (100%)');
    expect(lines.at(-1)).toBe(`Exported 12,000 entries to ${path.join(temp.dir, 'two-days.xlsx')} (recorded in the audit log).`);
    expect(readFileSync(path.join(temp.dir, 'two-days.xlsx')).subarray(0, 2).toString('latin1')).toBe('PK');
    const [record] = audit('export');
    expect(record!.actor).toMatch(/^machine-owner:/);
    expect(JSON.parse(record!.detail)).toMatchObject({ rows: 12_000, format: 'xlsx', language: 'zh', via: 'cli' });
  }, 180_000);

  it('exports CSV in English', () => {
    expect(cli('export', '--from', days[0]!, '--format', 'csv', '--language', 'en', '--out', 'day.csv').code).toBe(0);
    const [header, first] = readFileSync(path.join(temp.dir, 'day.csv'), 'utf8').slice(1).split('\r\n');
    expect(header!.startsWith('Time,Direction,Lane,Name')).toBe(true);
    expect(first).toMatch(/,(Passed|Refused),/);
  }, 120_000);

  it.each([
    [['export'], /--from \(and --to\) must be local days/],
    [['export', '--from', '2026-1-1'], /YYYY-MM-DD/],
    [['export', '--from', '2026-01-11', '--to', '2026-01-10'], /before --from/],
    [['export', '--from', '2026-01-10', '--format', 'pdf'], /xlsx or csv/],
    [['import', 'pets', 'x.csv'], /households\|residents/],
    [['import', 'households', 'x.txt'], /\.csv or \.xlsx/],
    [['import', 'households', 'missing.csv'], /cannot be read \(ENOENT\)/],
  ])('refuses %j with what to fix', (args, message) => {
    const run = cli(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('imports households with its progress, and names each bad row of a bad file', () => {
    const rows = ['楼栋,单元,房号', ...Array.from({ length: 2_500 }, (_, i) => `${1 + Math.floor(i / 100)},1,${100 + (i % 100)}`)];
    writeFileSync(path.join(temp.dir, 'households.csv'), `\uFEFF${rows.join('\n')}\n`);
    const run = cli('import', 'households', 'households.csv');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('Checking rows: 1,000 of 2,500 (40%)');
    expect(run.stderr.trim().split('\n').at(-1)).toBe('Imported 2500 households (recorded in the audit log).');
    writeFileSync(path.join(temp.dir, 'bad.csv'), '楼栋,单元,房号\n90,1,101\n,1,102\n1,1,100\n');
    const bad = cli('import', 'households', 'bad.csv');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Nothing was imported: 2 of 3 rows need fixing/);
    expect(bad.stderr).toMatch(/row 3: .*building/);
    expect(bad.stderr).toMatch(/row 4: .*already on the roster/);
  }, 120_000);

  it('purges the uploaded entries past retention with its progress', () => {
    const run = cli('purge');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('Purging entries: 0 of 12,000 (0%)');
    expect(run.stderr.trim().split('\n').at(-1)).toMatch(/^Deleted 12,000 entries before \d{4}-\d\d-\d\d; 0 older ones wait for the registry first\.$/);
    expect(audit('purge')).toHaveLength(1);
    expect(cli('purge').stderr.trim().split('\n').at(-1)).toMatch(/^Deleted 0 entries/);
  }, 120_000);
});
