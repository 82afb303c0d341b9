// DATA/database-key.json: which database this folder holds and how its key is protected. It holds no key in clear:
// an id naming the key file outside the folder, or the key sealed by the OS. Its presence also says that this folder
// has held a kiosk database, so a missing database is refused instead of silently replaced.
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { GateError } from '../../../../common/contract/errors.ts';
import { CIPHER_NAMES, CURRENT_CIPHER } from './cipher.ts';
import { keyFilePath, readKeyFile, writeKeyFile, type KeyProtection } from './key-protection.ts';

export const KEY_RECORD_FILE = 'database-key.json';

const KeyRecord = z.discriminatedUnion('protection', [
  z.object({ ...common(), protection: z.literal('key-file'), keyFile: z.string() }),
  z.object({ ...common(), protection: z.literal('safe-storage'), sealedKey: z.string() }),
]);

function common() {
  return {
    format: z.literal(1),
    databaseId: z.uuid(),
    /** The page cipher the database is in now (earlier versions wrote SQLCipher 4's format; re-encrypted at start). */
    cipher: z.enum(CIPHER_NAMES),
    createdAt: z.string(),
    /** Set once the database was created (or encrypted) and migrated: from then on a missing database is refused. */
    initialisedAt: z.string().nullable(),
  };
}
export type KeyRecord = z.infer<typeof KeyRecord>;

export function keyRecordPath(dataDir: string): string {
  return path.join(dataDir, KEY_RECORD_FILE);
}

export function readKeyRecord(dataDir: string): KeyRecord | null {
  const file = keyRecordPath(dataDir);
  if (!existsSync(file)) return null;
  let parsed;
  try {
    parsed = KeyRecord.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    parsed = null;
  }
  if (!parsed?.success) throw new GateError('storage', `${file} is damaged, so the database key cannot be found. Restore it from your backup.`);
  return parsed.data;
}

/** A new random key, protected as asked, and its record written atomically (0600). */
export function createKey(dataDir: string, protection: KeyProtection, now: Date): { key: Buffer; record: KeyRecord } {
  const key = randomBytes(32);
  const base = { format: 1 as const, databaseId: randomUUID(), cipher: CURRENT_CIPHER, createdAt: now.toISOString(), initialisedAt: null };
  const record: KeyRecord =
    protection.kind === 'key-file'
      ? { ...base, protection: 'key-file', keyFile: writeKeyFile(protection.dir, dataDir, base.databaseId, key) }
      : { ...base, protection: 'safe-storage', sealedKey: protection.sealer.encryptString(key.toString('hex')).toString('base64') };
  writeKeyRecord(dataDir, record);
  return { key, record };
}

/** Through a temporary file and a rename: a power cut leaves the old record or the new one. */
export function writeKeyRecord(dataDir: string, record: KeyRecord): void {
  const file = keyRecordPath(dataDir);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

export function markInitialised(dataDir: string, record: KeyRecord, now: Date): KeyRecord {
  if (record.initialisedAt) return record;
  const next = { ...record, initialisedAt: now.toISOString() };
  writeKeyRecord(dataDir, next);
  return next;
}

/** The key the record names; a refusal that says what to restore when it cannot be had. */
export function loadKey(dataDir: string, record: KeyRecord, protection: KeyProtection): Buffer {
  if (record.protection === 'key-file') return readKeyFile(record.keyFile, dataDir);
  if (protection.kind !== 'safe-storage') {
    throw new GateError('storage', `The database key in ${keyRecordPath(dataDir)} is sealed by the kiosk app (Electron's safe storage) for this computer's user. Start the kiosk app (gate-kiosk start), not the browser host, to open it.`);
  }
  let hex: string;
  try {
    hex = protection.sealer.decryptString(Buffer.from(record.sealedKey, 'base64'));
  } catch (error) {
    throw new GateError('storage', `The database key could not be unsealed (${(error as Error).message}). It opens only for the user and computer that created it: sign in as that user, or restore the data folder together with its key from your backup.`);
  }
  const key = Buffer.from(hex, 'hex');
  if (key.length !== 32) throw new GateError('storage', 'The unsealed database key is not a key. Restore the data folder from your backup.');
  return key;
}

/** Where a key-file record's key would be for a database id (for messages and tests). */
export { keyFilePath };
