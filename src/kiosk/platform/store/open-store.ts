// Opens the kiosk database: WAL, durable commits, migrations tracked by user_version.
import Database from 'better-sqlite3';
import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';
import { GateError } from '../../../common/contract/errors.ts';
import { migrations as allMigrations } from './migrations/index.ts';
import type { Migration } from './migrations/migration.ts';

export type Db = Database.Database;

export const DATABASE_FILE = 'gate-kiosk.sqlite';

/** Makes sure the data folder exists and is writable, with a message that says what to do when not. */
export function prepareDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.W_OK);
  } catch (error) {
    throw new GateError('storage', `The data folder ${dataDir} cannot be written (${(error as NodeJS.ErrnoException).code ?? 'error'}). Choose another folder with --data, or give this user write access to it.`);
  }
}

export function migrate(db: Db, migrations: readonly Migration[] = allMigrations): void {
  const latest = migrations.at(-1)?.version ?? 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new GateError('storage', `This database was written by a newer version of the kiosk (schema ${current}, this version knows up to ${latest}). Install the newer version again; the data has not been touched.`);
  }
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  })();
}

export function openDatabase(file: string, migrations: readonly Migration[] = allMigrations): Db {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    // FULL: a pass is shown only after its row is on disk, and power cuts at a gate are common.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function openStore(dataDir: string): Db {
  prepareDataDir(dataDir);
  return openDatabase(path.join(dataDir, DATABASE_FILE));
}
