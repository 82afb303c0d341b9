// Opens a kiosk's encrypted database file from outside the kiosk, as an administrator with the key would (the key
// record in the data folder names the key file outside it). Tests read what the kiosk wrote through this.
import path from 'node:path';
import { applyKey, openFile, type Db } from '../../src/kiosk/platform/store/at-rest/cipher.ts';
import { loadKey, readKeyRecord } from '../../src/kiosk/platform/store/at-rest/key-record.ts';
import { DATABASE_FILE } from '../../src/kiosk/platform/store/open-store.ts';

export function databaseKey(dataDir: string): Buffer {
  const record = readKeyRecord(dataDir);
  if (!record) throw new Error(`no database-key.json in ${dataDir}`);
  return loadKey(dataDir, record, { kind: 'key-file', dir: '' });
}

export function openKioskDb(dataDir: string, options: { readonly?: boolean } = {}): Db {
  const db = openFile(path.join(dataDir, DATABASE_FILE), { readonly: options.readonly ?? false, fileMustExist: true });
  applyKey(db, databaseKey(dataDir));
  return db;
}
