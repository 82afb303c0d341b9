// A database the version before left in SQLCipher 4's format is re-encrypted in AEGIS-256 at start, keeping every row;
// a power cut at any step of it loses nothing (the copy kept aside is put back and the work redone), and a key that
// does not open the old file is refused with what to restore, the file untouched.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, closeSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyKey, openFile, type CipherName } from '../../../../src/kiosk/platform/store/at-rest/cipher.ts';
import { readKeyRecord, writeKeyRecord } from '../../../../src/kiosk/platform/store/at-rest/key-record.ts';
import { copyAsidePath, reencryptInPlace } from '../../../../src/kiosk/platform/store/at-rest/reencrypt.ts';
import { DATABASE_FILE, openKioskStore } from '../../../../src/kiosk/platform/store/open-store.ts';
import { databaseKey } from '../../../support/kiosk-db.ts';
import { tempDir } from '../../../support/temp-dir.ts';

const NAME = '欧阳娜娜';
const ROWS = 500;

const temps: Array<{ remove(): void }> = [];
afterEach(() => {
  for (const t of temps.splice(0)) t.remove();
});

/** A data folder as the version before this one left it: its rows, its file and its key record in SQLCipher 4. */
function folderInSqlcipher4(): { dir: string; file: string } {
  const data = tempDir('gate-kiosk-reencrypt-');
  temps.push(data);
  const store = openKioskStore(data.dir);
  store.db.exec(`CREATE TABLE people (n INTEGER PRIMARY KEY, name TEXT)`);
  const insert = store.db.prepare('INSERT INTO people (name) VALUES (?)');
  store.db.transaction(() => {
    for (let i = 0; i < ROWS; i++) insert.run(`${NAME}-${i}`);
  })();
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.db.pragma('journal_mode = DELETE');
  // SQLite3 Multiple Ciphers' own rekey into the old cipher, as the earlier versions created their files.
  store.db.pragma("cipher = 'sqlcipher'");
  store.db.pragma('legacy = 4');
  store.db.pragma(`rekey = "x'${store.key.toString('hex')}'"`);
  store.db.close();
  writeKeyRecord(data.dir, { ...store.record, cipher: 'sqlcipher-4' });
  return { dir: data.dir, file: path.join(data.dir, DATABASE_FILE) };
}

/** The rows, read through a fresh connection in `cipher`; null when the file does not open in it. */
function rowsIn(dir: string, cipher: CipherName): string[] | null {
  const db = openFile(path.join(dir, DATABASE_FILE), { fileMustExist: true });
  try {
    applyKey(db, databaseKey(dir), cipher);
    return (db.prepare('SELECT name FROM people ORDER BY n').pluck().all() as string[]);
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') return null;
    throw error;
  } finally {
    db.close();
  }
}

const expected = Array.from({ length: ROWS }, (_, i) => `${NAME}-${i}`);
const leftovers = (dir: string) => readdirSync(dir).filter((f) => f.includes('.before-'));

function expectReencrypted(dir: string): void {
  expect(readKeyRecord(dir)?.cipher).toBe('aegis-256');
  expect(rowsIn(dir, 'aegis-256')).toEqual(expected);
  expect(rowsIn(dir, 'sqlcipher-4')).toBeNull();
  expect(leftovers(dir)).toEqual([]);
  expect(readFileSync(path.join(dir, DATABASE_FILE)).includes(Buffer.from(NAME))).toBe(false);
}

describe('a database in SQLCipher 4 from the version before', () => {
  it('is re-encrypted in AEGIS-256 at start with every row, and says so', () => {
    const { dir } = folderInSqlcipher4();
    expect(rowsIn(dir, 'sqlcipher-4')).toEqual(expected);
    const store = openKioskStore(dir);
    expect(store.notes).toContain(`re-encrypted the database ${path.join(dir, DATABASE_FILE)} from sqlcipher-4 to aegis-256`);
    expect(store.record.cipher).toBe('aegis-256');
    store.db.close();
    expectReencrypted(dir);
    // The next start has nothing left to do.
    const again = openKioskStore(dir);
    expect(again.notes.filter((n) => /crypt/.test(n))).toEqual([]);
    again.db.close();
  });

  it('keeps the copy aside as closed as the database (0600) while it exists', () => {
    const { dir, file } = folderInSqlcipher4();
    reencryptInPlace(file, databaseKey(dir), 'sqlcipher-4');
    const aside = copyAsidePath(file, 'sqlcipher-4');
    expect(statSync(aside).mode & 0o777).toBe(0o600);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // Not finished (the record still names SQLCipher 4): the next start puts the copy back and does it again.
    const store = openKioskStore(dir);
    store.db.close();
    expectReencrypted(dir);
  });

  // Each state a power cut can leave, from the copy half written to the record written and the copy not yet removed.
  const cuts: Array<{ when: string; leave: (dir: string, file: string) => void }> = [
    {
      when: 'while the copy was being written',
      leave: (_dir, file) => writeFileSync(`${copyAsidePath(file, 'sqlcipher-4')}.tmp`, readFileSync(file).subarray(0, 8192)),
    },
    {
      when: 'while the pages were being rewritten (part of the file new, a hot journal beside it)',
      leave: (_dir, file) => {
        writeFileSync(copyAsidePath(file, 'sqlcipher-4'), readFileSync(file));
        const fd = openSync(file, 'r+');
        writeSync(fd, Buffer.alloc(3 * 4096, 0x5a), 0, 3 * 4096, 4096);
        closeSync(fd);
        writeFileSync(`${file}-journal`, Buffer.alloc(4096, 0x11));
      },
    },
    {
      when: 'after the record named the new cipher, before the copy was removed',
      leave: (dir, file) => {
        writeFileSync(copyAsidePath(file, 'sqlcipher-4'), readFileSync(file));
        // The file fully rewritten in the new cipher, and the record saying so.
        const db = openFile(file, { fileMustExist: true });
        applyKey(db, databaseKey(dir), 'sqlcipher-4');
        db.pragma("cipher = 'aegis'");
        db.pragma("algorithm = 'aegis-256'");
        db.pragma(`rekey = "x'${databaseKey(dir).toString('hex')}'"`);
        db.close();
        writeKeyRecord(dir, { ...readKeyRecord(dir)!, cipher: 'aegis-256' });
      },
    },
  ];
  for (const cut of cuts) {
    it(`loses nothing when the power is cut ${cut.when}`, () => {
      const { dir, file } = folderInSqlcipher4();
      cut.leave(dir, file);
      const store = openKioskStore(dir);
      store.db.close();
      expectReencrypted(dir);
      expect(existsSync(`${file}-journal`)).toBe(false);
    });
  }

  it('refuses a key that does not open the old file, says what to restore, and leaves the file as it was', () => {
    const { dir, file } = folderInSqlcipher4();
    const before = readFileSync(file);
    const record = readKeyRecord(dir)!;
    if (record.protection !== 'key-file') throw new Error('expected a key file');
    writeFileSync(record.keyFile, `${'ab'.repeat(32)}\n`);
    expect(() => openKioskStore(dir)).toThrow(/database key does not open .*gate-kiosk\.sqlite.*Restore the key/s);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(leftovers(dir)).toEqual([]);
    expect(readKeyRecord(dir)?.cipher).toBe('sqlcipher-4');
  });
});
