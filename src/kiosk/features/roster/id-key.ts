// The compound's key for hashing ID numbers: created once in the data folder, readable only by the kiosk user.
// A plain SHA-256 of an 18-digit ID number is brute-forced in minutes; a keyed hash is not without the key.
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GateError } from '../../../common/contract/errors.ts';

export const ID_KEY_FILE = 'roster-id.key';

export type IdHasher = (normalisedNumber: string) => string;

export function loadIdKey(dataDir: string): Buffer {
  const file = path.join(dataDir, ID_KEY_FILE);
  if (!existsSync(file)) {
    const key = randomBytes(32);
    // 'wx': never overwrite a key another process just wrote; every stored hash depends on it.
    try {
      writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
      return key;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  if (key.length < 16) {
    throw new GateError('storage', `${file} does not hold a key. Restore it from the backup: without it residents cannot be matched by ID number.`);
  }
  return key;
}

export function createIdHasher(key: Uint8Array): IdHasher {
  return (number) => createHmac('sha256', key).update(number, 'utf8').digest('hex');
}
