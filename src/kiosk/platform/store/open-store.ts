// Opens the kiosk database: encrypted at rest, WAL, durable commits, migrations tracked by user_version; refused at
// start (with what to do) when it is missing after setup, read-only, damaged or its key is gone.
import { accessSync, chmodSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { GateError } from '../../../common/contract/errors.ts';
import { applyKey, CURRENT_CIPHER, fileState, openFile, type CipherName, type Db } from './at-rest/cipher.ts';
import { finishReencryption, reencryptInPlace, restoreUnfinished, type FileCipher } from './at-rest/reencrypt.ts';
import { narrowFolder } from './at-rest/folder-modes.ts';
import { chooseProtection, type KeyProtection } from './at-rest/key-protection.ts';
import { createKey, keyRecordPath, loadKey, markInitialised, readKeyRecord, writeKeyRecord, type KeyRecord } from './at-rest/key-record.ts';
import { corruptionError, isCorruption } from './at-rest/storage-errors.ts';
import { migrations as allMigrations } from './migrations/index.ts';
import type { Migration } from './migrations/migration.ts';

export type { Db } from './at-rest/cipher.ts';

export const DATABASE_FILE = 'gate-kiosk.sqlite';
/** Files an earlier kiosk made at its first start: with them and no database, the database was lost, not never made. */
const SIGNS_OF_A_KIOSK = ['roster-id.key', path.join('trust', 'compound-card.key.pem')];

/** Makes sure the data folder exists, is writable and only the kiosk's user may enter it. */
export function prepareDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    accessSync(dataDir, constants.W_OK);
    chmodSync(dataDir, 0o700);
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

const keyDoesNotOpen = (file: string) =>
  new GateError('storage', `The database key does not open ${file} (or the file is damaged). Restore the key (see ${path.dirname(file)}/database-key.json) or the database from your backup.`);

/** Opens (creating if need be) one database file; with a key it is encrypted (in an older cipher only for benchmarks
 * and upgrade tests). Tests and benchmarks use it directly. */
export function openDatabase(file: string, migrations: readonly Migration[] = allMigrations, key?: Buffer, cipher: CipherName = CURRENT_CIPHER): Db {
  const db = openFile(file);
  try {
    if (key) applyKey(db, key, cipher);
    db.pragma('journal_mode = WAL');
    // FULL: a pass is shown only after its row is on disk, and power cuts at a gate are common.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Pages are decrypted once into the cache: 8 MiB keeps the hot index pages of a few weeks' log there (SQLite's
    // default is 2 MiB), bounded so the kiosk's memory stays flat.
    db.pragma('cache_size = -8192');
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof GateError) throw error;
    if (isCorruption(error)) {
      throw key ? keyDoesNotOpen(file) : corruptionError((error as Error).message);
    }
    throw error;
  }
}

export interface StoreOptions {
  /** How the database key is protected; by default a key file in the user's configuration folder. */
  protection?: KeyProtection;
  /** `gate-kiosk storage start-over`: a new, empty database where the old one was lost (the caller audits it). */
  startOver?: boolean;
  now?: () => Date;
  migrations?: readonly Migration[];
}

export interface OpenedStore {
  db: Db;
  file: string;
  /** The database key, for a second connection (the scheduled integrity check); never written anywhere by the store. */
  key: Buffer;
  record: KeyRecord;
  /** What happened on the way in, for the log: created, encrypted in place, modes narrowed. */
  notes: string[];
}

function refuseReadOnly(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    if (!existsSync(f)) continue;
    // The owner's write bit, not access(): a kiosk running as root could still write, and would look ready while
    // the next start as the kiosk user refuses every record.
    if ((statSync(f).mode & 0o200) === 0) {
      throw new GateError('storage', `The database file ${f} is read-only, so no entry could be recorded. Make it writable for the kiosk user (chmod 600 "${f}") and start again; if the disk itself is read-only, check it (it may be failing).`);
    }
  }
}

function refuseLost(dataDir: string, file: string, state: 'missing' | 'empty', record: KeyRecord | null): void {
  const signs = SIGNS_OF_A_KIOSK.filter((name) => existsSync(path.join(dataDir, name)));
  if (!record?.initialisedAt && signs.length === 0) return;
  const what = state === 'missing' ? `The database ${file} is missing` : `The database ${file} is empty (0 bytes)`;
  const evidence = record?.initialisedAt ? `${keyRecordPath(dataDir)} says a database was created here on ${record.initialisedAt}` : `${signs.join(' and ')} show this kiosk has run before`;
  throw new GateError(
    'storage',
    `${what}, but ${evidence}. Its entries, accounts and roster would be lost if the kiosk started empty, so it does not start. ` +
      `Restore ${DATABASE_FILE} (with database-key.json and its key) from your backup into ${dataDir} and start again. ` +
      `To start over deliberately with an empty database (audited, and the registry is told at the next enrolment): gate-kiosk storage start-over --data ${dataDir} --reason "why".`,
  );
}

/** The database of a data folder, encrypted, checked and migrated; a refusal with what to do otherwise. */
export function openKioskStore(dataDir: string, options: StoreOptions = {}): OpenedStore {
  const now = options.now ?? (() => new Date());
  const protection = options.protection ?? chooseProtection(undefined).protection;
  prepareDataDir(dataDir);
  const file = path.join(dataDir, DATABASE_FILE);
  const notes: string[] = [];
  let record = readKeyRecord(dataDir);
  const unfinished = restoreUnfinished(file);
  if (unfinished) notes.push(`put back the copy of ${file} that an interrupted re-encryption left, to re-encrypt it again`);
  const state = fileState(file);
  if (state !== 'missing') refuseReadOnly(file);
  if ((state === 'missing' || state === 'empty') && !options.startOver) refuseLost(dataDir, file, state, record);
  if (state === 'encrypted' && !record) {
    throw new GateError('storage', `The database ${file} is encrypted but ${keyRecordPath(dataDir)} (which says where its key is) is missing. Restore database-key.json and the key file from your backup and start again.`);
  }

  let key: Buffer;
  if (record && !(options.startOver && (state === 'missing' || state === 'empty'))) key = loadKey(dataDir, record, protection);
  else ({ key, record } = createKey(dataDir, protection, now()));
  // A plain file from before encryption, or one in an older cipher: rewritten once, with a copy kept until it is done.
  const from: FileCipher | null = unfinished ?? (state === 'plain' ? 'plain' : state === 'encrypted' && record.cipher !== CURRENT_CIPHER ? record.cipher : null);
  if (from) {
    try {
      reencryptInPlace(file, key, from);
    } catch (error) {
      throw isCorruption(error) ? keyDoesNotOpen(file) : error;
    }
    record = { ...record, cipher: CURRENT_CIPHER };
    writeKeyRecord(dataDir, record);
    finishReencryption(file, from);
    notes.push(from === 'plain' ? `encrypted the existing database ${file} in place` : `re-encrypted the database ${file} from ${from} to ${CURRENT_CIPHER}`);
  } else if (state !== 'encrypted') notes.push(`created a new encrypted database ${file}`);

  const db = openDatabase(file, options.migrations ?? allMigrations, key);
  try {
    const check = db.pragma('quick_check', { simple: false }) as Array<{ quick_check: string }>;
    if (check.length !== 1 || check[0]!.quick_check !== 'ok') throw corruptionError(`the quick check at start found ${check.slice(0, 3).map((r) => r.quick_check).join('; ')}`);
    // A read-only mount or a file another user owns: fail now, not at the first person in the queue.
    db.exec('BEGIN IMMEDIATE; ROLLBACK');
  } catch (error) {
    db.close();
    if (error instanceof GateError) throw error;
    if (isCorruption(error)) throw corruptionError((error as Error).message);
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_IOERR')) {
      throw new GateError('storage', `The database ${file} cannot be written (${code}), so no entry could be recorded. Check that the disk is mounted read-write and the file belongs to the kiosk user, then start again.`);
    }
    throw error;
  }
  record = markInitialised(dataDir, record, now());
  const narrowed = narrowFolder(dataDir);
  if (narrowed.length > 0) notes.push(`removed group and other access from ${narrowed.length} file(s) in ${dataDir}`);
  return { db, file, key, record, notes };
}

export function openStore(dataDir: string, options: StoreOptions = {}): Db {
  return openKioskStore(dataDir, options).db;
}
