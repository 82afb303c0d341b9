// Re-encrypting a database file in place: a plain one from before encryption, or one in SQLCipher 4's format from
// before AEGIS. A power cut at any moment must leave the entries readable, and SQLite's own rekey gives no such
// promise (its journal would be rolled back through a cipher the file may no longer be in). So the whole file is
// copied aside first, under a name that says its cipher, and removed only once the new file has been checked and
// its key record names the new cipher. A copy found at start means that the last attempt did not finish: it is
// put back, and the work is done again from it.
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { applyKey, CURRENT_CIPHER, openFile, rekey, type CipherName } from './cipher.ts';

/** What a file to re-encrypt is in. */
export type FileCipher = CipherName | 'plain';
const OLD_FORMATS: readonly FileCipher[] = ['plain', 'sqlcipher-4'];

/** Where the copy of a file in `cipher` waits while the file is rewritten. */
export const copyAsidePath = (file: string, cipher: FileCipher) => `${file}.before-${CURRENT_CIPHER}.${cipher}`;

function fsyncPath(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function removeJournals(file: string): void {
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}

/**
 * Puts back the copy an unfinished re-encryption left, and answers the cipher it is in (null when none was left).
 * A half-written copy (still under its temporary name) is only removed: the file itself was not touched yet then.
 */
export function restoreUnfinished(file: string): FileCipher | null {
  for (const cipher of OLD_FORMATS) {
    const aside = copyAsidePath(file, cipher);
    rmSync(`${aside}.tmp`, { force: true });
    if (!existsSync(aside)) continue;
    removeJournals(file);
    renameSync(aside, file);
    fsyncPath(path.dirname(file));
    return cipher;
  }
  return null;
}

/**
 * Rewrites `file` (in `from`) in the current cipher under `key`, keeping a copy of it as it was; the caller records
 * the new cipher in the key record and then calls finishReencryption. Throws when the old file does not open with
 * the key, or the new one does not pass SQLite's quick check (the copy then stays, and is put back at the next start).
 */
export function reencryptInPlace(file: string, key: Buffer, from: FileCipher): void {
  const open = (cipher: FileCipher) => {
    const db = openFile(file, { fileMustExist: true });
    if (cipher !== 'plain') applyKey(db, key, cipher);
    return db;
  };
  // Everything into the main file (rekey works only outside WAL mode), so the copy is the whole database; the
  // connection stays open, idle, while the file is copied.
  let db = open(from);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    const aside = copyAsidePath(file, from);
    copyFileSync(file, `${aside}.tmp`);
    fsyncPath(`${aside}.tmp`);
    renameSync(`${aside}.tmp`, aside);
    fsyncPath(path.dirname(file));
    rekey(db, key);
  } finally {
    db.close();
  }
  db = open(CURRENT_CIPHER);
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`the re-encrypted database failed its quick check (${String(check)})`);
  } finally {
    db.close();
  }
}

/** Removes the copy once the key record names the new cipher. */
export function finishReencryption(file: string, from: FileCipher): void {
  rmSync(copyAsidePath(file, from), { force: true });
  fsyncPath(path.dirname(file));
}
