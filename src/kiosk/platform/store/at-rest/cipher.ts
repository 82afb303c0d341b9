// The database cipher: SQLCipher 4's format (AES-256-CBC, HMAC-SHA512 per page, 4 KiB pages) through SQLite3
// Multiple Ciphers, with a raw 256-bit key (no passphrase, so no key derivation on every open). The same file opens
// in SQLCipher 4 with PRAGMA key = "x'<64 hex digits>'".
import Database from 'better-sqlite3-multiple-ciphers';
import type BetterSqlite3 from 'better-sqlite3';
import { existsSync, openSync, readSync, closeSync, statSync } from 'node:fs';

export type Db = BetterSqlite3.Database;

/** better-sqlite3's API, on the build with encryption (the kiosk's code and types stay those of better-sqlite3). */
export function openFile(file: string, options: { readonly?: boolean; fileMustExist?: boolean } = {}): Db {
  return new Database(file, options);
}

export function applyKey(db: Db, key: Buffer): void {
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${key.toString('hex')}'"`);
}

export type FileState = 'missing' | 'empty' | 'plain' | 'encrypted';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** What lies on disk: a plain SQLite file starts with its magic header; an encrypted one with 16 random bytes. */
export function fileState(file: string): FileState {
  if (!existsSync(file)) return 'missing';
  if (statSync(file).size === 0) return 'empty';
  const head = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  return head.equals(SQLITE_HEADER) ? 'plain' : 'encrypted';
}

/**
 * Encrypts a plain database in place (a kiosk upgraded from a version without encryption). The WAL is checkpointed
 * into the file and removed first (SQLite3 Multiple Ciphers rekeys only outside WAL mode); the rekey rewrites every
 * page, free pages included, in one transaction.
 */
export function encryptInPlace(file: string, key: Buffer): void {
  const db = openFile(file, { fileMustExist: true });
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    db.pragma(`cipher = 'sqlcipher'`);
    db.pragma('legacy = 4');
    db.pragma(`rekey = "x'${key.toString('hex')}'"`);
  } finally {
    db.close();
  }
}
