// The database cipher, through SQLite3 Multiple Ciphers, with a raw 256-bit key (no passphrase, so no key derivation
// on every open). New databases are AEGIS-256: every 4 KiB page encrypted and authenticated (a 32-byte tag and a
// random 32-byte nonce per write) with the AES round instructions. A committed row costs a third of the CPU it did
// in SQLCipher 4's AES-CBC with HMAC-SHA512 (bench/support/cipher-commit.ts; an entry writes 16-20 pages). Databases
// written in SQLCipher 4's format by earlier versions are re-encrypted once at start (at-rest/reencrypt.ts).
import Database from 'better-sqlite3-multiple-ciphers';
import type BetterSqlite3 from 'better-sqlite3';
import { existsSync, openSync, readSync, closeSync, statSync } from 'node:fs';

export type Db = BetterSqlite3.Database;

/** better-sqlite3's API, on the build with encryption (the kiosk's code and types stay those of better-sqlite3). */
export function openFile(file: string, options: { readonly?: boolean; fileMustExist?: boolean } = {}): Db {
  return new Database(file, options);
}

/** The ciphers a kiosk database may be in, as its key record names them. */
export const CIPHER_NAMES = ['aegis-256', 'sqlcipher-4'] as const;
export type CipherName = (typeof CIPHER_NAMES)[number];
export const CURRENT_CIPHER: CipherName = 'aegis-256';

/** Every parameter pinned, not left to the library's defaults: a later default must never make a file unreadable. */
const CIPHER_PRAGMAS: Record<CipherName, readonly string[]> = {
  'aegis-256': ["cipher = 'aegis'", "algorithm = 'aegis-256'"],
  'sqlcipher-4': ["cipher = 'sqlcipher'", 'legacy = 4'],
};

/** The pragmas that open a database in this cipher with this key, in order (also run by the integrity check's worker). */
export function keyPragmas(key: Buffer, cipher: CipherName = CURRENT_CIPHER): string[] {
  return [...CIPHER_PRAGMAS[cipher], `key = "x'${key.toString('hex')}'"`];
}

export function applyKey(db: Db, key: Buffer, cipher: CipherName = CURRENT_CIPHER): void {
  for (const pragma of keyPragmas(key, cipher)) db.pragma(pragma);
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

/** Rewrites every page in the current cipher under `key`, in one transaction: only outside WAL mode (SQLite3 Multiple
 * Ciphers rekeys only then), on a connection whose WAL was checkpointed into the file. */
export function rekey(db: Db, key: Buffer): void {
  for (const pragma of CIPHER_PRAGMAS[CURRENT_CIPHER]) db.pragma(pragma);
  db.pragma(`rekey = "x'${key.toString('hex')}'"`);
}
