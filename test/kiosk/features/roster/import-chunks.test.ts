// A large roster import goes in chunks with the gate's calls in between, and is still all rows or none: a bad
// row near the end, or a dry run, takes out every row the import had added (and the watch tokens of their numbers).
import { afterEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../../src/kiosk/platform/audit/audit-log.ts';
import { IMPORT_CHUNK, importRosterInChunks } from '../../../../src/kiosk/features/roster/roster-import.ts';
import { createRosterRepository } from '../../../../src/kiosk/features/roster/roster-repository.ts';
import { createIdHasher } from '../../../../src/kiosk/features/roster/id-key.ts';
import { openStore, type Db } from '../../../../src/kiosk/platform/store/open-store.ts';
import { tempDir } from '../../../support/temp-dir.ts';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

function setup() {
  const t = tempDir();
  const db = openStore(t.dir);
  cleanups.push(() => (db.close(), t.remove()));
  const now = () => new Date('2026-03-01T00:00:00Z');
  return { db, deps: { db, roster: createRosterRepository(db, createIdHasher(Buffer.alloc(32, 7)), now), now } };
}
const count = (db: Db, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const households = (n: number) => ({ header: ['楼栋', '单元', '房号'], rows: Array.from({ length: n }, (_, i) => ({ line: i + 2, cells: [`${1 + Math.floor(i / 100)}`, '1', `${100 + (i % 100)}`] })) });

describe('roster import in chunks', () => {
  it('lets the gate write between chunks and imports every row', async () => {
    const { db, deps } = setup();
    let between = 0;
    const seen: number[] = [];
    const report = await importRosterInChunks(deps, 'households', households(2_400), {
      dryRun: false,
      actor: SYSTEM_ACTOR,
      progress: (done) => seen.push(done),
      pause: async () => {
        // What the gate does meanwhile: its own commit, outside the import.
        db.prepare("INSERT INTO policy_versions (version, content, changed_by, changed_at) VALUES (?, '{}', 'gate', 't')").run(1000 + between++);
      },
    });
    expect(report).toMatchObject({ ok: true, rows: 2_400, imported: 2_400 });
    expect(between).toBe(Math.ceil(2_400 / IMPORT_CHUNK));
    expect(seen).toEqual([0, 1_000, 2_000]);
    expect(count(db, 'households')).toBe(2_400);
    expect(count(db, "audit_log WHERE action = 'roster-import'")).toBe(1);
  });

  it('takes out what it added when a row in a later chunk is wrong, keeping what was there and what the gate wrote', async () => {
    const { db, deps } = setup();
    deps.roster.saveHousehold({ building: '99', unit: '', room: '1' });
    const file = households(1_800);
    file.rows.push({ line: 1_802, cells: ['1', '1', '100'] }); // the first row again
    file.rows.push({ line: 1_803, cells: ['', '1', '5'] });
    let between = 0;
    const report = await importRosterInChunks(deps, 'households', file, { dryRun: false, actor: SYSTEM_ACTOR, pause: async () => void db.prepare("INSERT INTO policy_versions (version, content, changed_by, changed_at) VALUES (?, '{}', 'gate', 't')").run(2000 + between++) });
    expect(report.ok).toBe(false);
    expect(report.imported).toBe(0);
    expect(report.problems.map((p) => p.row)).toEqual([1_802, 1_803]);
    expect(count(db, 'households')).toBe(1);
    expect(count(db, 'policy_versions WHERE version >= 2000')).toBe(between);
    expect(count(db, "audit_log WHERE action = 'roster-import'")).toBe(0);
  });

  it('saves nothing on a dry run of residents, watch tokens included', async () => {
    const { db, deps } = setup();
    const home = deps.roster.saveHousehold({ building: '3', unit: '2', room: '501' });
    const file = { header: ['户', '姓名', '证件号'], rows: Array.from({ length: 700 }, (_, i) => ({ line: i + 2, cells: ['3-2-501', `住户${i}`, ''] })) };
    const report = await importRosterInChunks(deps, 'residents', file, { dryRun: true, actor: SYSTEM_ACTOR });
    expect(report).toMatchObject({ ok: true, rows: 700, imported: 0, dryRun: true });
    expect(count(db, 'residents')).toBe(0);
    expect(home.id).toBeTruthy();
  });
});
