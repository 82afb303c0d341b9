import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../../src/kiosk/platform/store/migrations/index.ts';
import { migrate, openDatabase, openStore } from '../../../../src/kiosk/platform/store/open-store.ts';
import { tempDir } from '../../../support/temp-dir.ts';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));
function freshFile(): string {
  const t = tempDir();
  cleanups.push(t.remove);
  return path.join(t.dir, 'kiosk.sqlite');
}

describe('migrations', () => {
  // Each piece of work holds its own number, so a number may be missing until that work lands.
  it('are numbered 1..N in order, one version each (a gap would let a database skip a migration added later)', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions).toEqual(versions.map((_, i) => i + 1));
  });

  it('bring a new database to the latest version in WAL mode with durable commits', () => {
    const db = openDatabase(freshFile());
    cleanups.push(() => db.close());
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
  });

  // Each migration is tested from the version before it, with a row written at that version surviving.
  it.each(migrations.filter((m) => m.version > 1).map((m) => [m.version, m.name] as const))('migrate a database at version %i - 1 to %i (%s)', (version) => {
    const file = freshFile();
    const old = openDatabase(file, migrations.filter((m) => m.version < version));
    old.prepare(`INSERT INTO entries (id, at, at_ms, local_day, direction, lane, code_status, code_checked_at, decision, reasons, volunteer)
      VALUES ('e1', '2026-01-01T00:00:00Z', 0, '2026-01-01', 'in', 'standard', 'green', '2026-01-01T00:00:00Z', 'pass', '[]', 'v')`).run();
    expect(old.pragma('user_version', { simple: true })).toBe(migrations.filter((m) => m.version < version).at(-1)!.version);
    old.close();
    const db = openDatabase(file, migrations.filter((m) => m.version <= version));
    cleanups.push(() => db.close());
    expect(db.pragma('user_version', { simple: true })).toBe(version);
    expect(db.prepare('SELECT id FROM entries').all()).toEqual([{ id: 'e1' }]);
  });

  it('create the entry log at version 1', () => {
    const db = openDatabase(freshFile(), migrations.slice(0, 1));
    cleanups.push(() => db.close());
    const columns = db.prepare("SELECT name FROM pragma_table_info('entries')").all().map((r) => (r as { name: string }).name);
    expect(columns).toEqual(expect.arrayContaining(['at', 'direction', 'identity_name', 'code_status', 'body_c', 'mask_worn', 'decision', 'reasons', 'lane', 'volunteer']));
  });

  it('roll back completely when a migration fails', () => {
    const file = freshFile();
    const broken = [...migrations.slice(0, 1), { version: 2, name: 'broken', up: (db: Database.Database) => { db.exec('CREATE TABLE half (x)'); throw new Error('disk says no'); } }];
    expect(() => openDatabase(file, broken)).toThrow('disk says no');
    const db = new Database(file);
    cleanups.push(() => db.close());
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name IN ('entries', 'half')").get()).toEqual({ n: 0 });
  });

  it('refuse a database written by a newer version, without touching it', () => {
    const file = freshFile();
    const newer = new Database(file);
    newer.pragma(`user_version = ${migrations.length + 5}`);
    newer.close();
    expect(() => openDatabase(file)).toThrow(/newer version of the kiosk.*data has not been touched/);
    const db = new Database(file);
    cleanups.push(() => db.close());
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length + 5);
  });

  it('say what to do when the data folder cannot be written', () => {
    // A folder "inside" a regular file cannot exist, even for root.
    const file = freshFile();
    writeFileSync(file, 'not a folder');
    expect(() => openStore(path.join(file, 'data'))).toThrow(/cannot be written.*--data/);
  });

  it('are idempotent: migrating twice changes nothing', () => {
    const db = openDatabase(freshFile());
    cleanups.push(() => db.close());
    expect(() => migrate(db)).not.toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
  });
});
