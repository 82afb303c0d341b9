// The compound's key for hashing ID numbers. A plain SHA-256 of an 18-digit ID number is brute-forced in minutes; a
// keyed hash is not without the key, so the key lives inside the encrypted database (an earlier version's
// DATA/roster-id.key is moved in at start). A check value beside the hashes recognises a key that did not make them:
// then matching by ID number is refused with what to do, instead of silently matching nobody.
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { GateError } from '../../../common/contract/errors.ts';
import type { Db } from '../../platform/store/open-store.ts';
import { readSecret, storeSecret } from '../../platform/store/secrets.ts';

export const ID_KEY_FILE = 'roster-id.key';

export type IdHasher = (normalisedNumber: string) => string;

/** The key, or why there is none that fits the stored hashes. */
export interface RosterKeyState {
  key: Buffer | null;
  problem: string | null;
}

const CHECK_TEXT = 'gate-kiosk roster key check v1';

export function keyCheckValue(key: Uint8Array): string {
  return createHmac('sha256', key).update(CHECK_TEXT).digest('hex');
}

function storedHashes(db: Db): number {
  return db.prepare<[], { n: number }>('SELECT (SELECT count(*) FROM residents WHERE id_hash IS NOT NULL) + (SELECT count(*) FROM visitors WHERE id_hash IS NOT NULL) AS n').get()!.n;
}

const parseKey = (text: string) => Buffer.from(text.trim(), 'hex');

function whatToDo(dataDir: string): string {
  return `Put the compound's backed-up roster-id.key into ${dataDir} and restart (it is checked and moved into the database), or make a new key with "gate-kiosk storage new-roster-key --data ${dataDir}" (audited; the residents' ID numbers must then be imported again).`;
}

/** Loads (or, with no hashes stored yet, makes) the roster key and checks it against the stored check value. */
export function loadIdKey(db: Db, dataDir: string, now: Date = new Date()): RosterKeyState {
  const legacyFile = path.join(dataDir, ID_KEY_FILE);
  const check = db.prepare<[], { check_value: string }>('SELECT check_value FROM roster_key_check WHERE one = 1').get()?.check_value ?? null;
  const saveCheck = (key: Buffer) => db.prepare('INSERT INTO roster_key_check (one, check_value, created_at) VALUES (1, ?, ?) ON CONFLICT (one) DO NOTHING').run(keyCheckValue(key), now.toISOString());
  const hashes = storedHashes(db);
  let stored = readSecret(db, 'roster-id-key');

  const storedFits = stored !== null && (check === null || keyCheckValue(parseKey(stored)) === check);
  if (existsSync(legacyFile) && !storedFits) {
    const fileKey = parseKey(readFileSync(legacyFile, 'utf8'));
    if (fileKey.length < 16 || (check !== null && keyCheckValue(fileKey) !== check)) {
      return { key: null, problem: `${legacyFile} is not the roster key that made the ${hashes} stored ID hashes (its check value differs), so it was left where it is and not used. ${whatToDo(dataDir)}` };
    }
    // The file is the key that made the hashes (an earlier version's file, or a restored backup): into the database.
    db.transaction(() => {
      db.prepare('DELETE FROM kiosk_secrets WHERE name = ?').run('roster-id-key');
      storeSecret(db, 'roster-id-key', fileKey.toString('hex'), now, legacyFile);
      saveCheck(fileKey);
    })();
    rmSync(legacyFile, { force: true });
    stored = fileKey.toString('hex');
  } else if (existsSync(legacyFile) && stored !== null && parseKey(readFileSync(legacyFile, 'utf8')).equals(parseKey(stored))) {
    // Moved in before, and the file came back (or the removal did not happen): the copy in clear goes.
    rmSync(legacyFile, { force: true });
  }

  if (stored === null) {
    if (hashes > 0) return { key: null, problem: `The roster key is missing but ${hashes} residents and visitors have ID hashes made with it, so nobody can be matched by ID number. ${whatToDo(dataDir)}` };
    const key = randomBytes(32);
    db.transaction(() => {
      storeSecret(db, 'roster-id-key', key.toString('hex'), now);
      db.prepare('DELETE FROM roster_key_check').run();
      saveCheck(key);
    })();
    return { key, problem: null };
  }
  const key = parseKey(stored);
  if (check === null) saveCheck(key);
  else if (keyCheckValue(key) !== check) return { key: null, problem: `The roster key in the database is not the one that made the stored ID hashes (its check value differs), so nobody can be matched by ID number. ${whatToDo(dataDir)}` };
  return { key, problem: null };
}

/** Replaces the roster key deliberately: every stored ID hash is cleared (masked numbers stay for the screen). */
export function replaceIdKey(db: Db, now: Date = new Date()): { cleared: number } {
  const key = randomBytes(32);
  return db.transaction(() => {
    const cleared = db.prepare('UPDATE residents SET id_hash = NULL WHERE id_hash IS NOT NULL').run().changes + db.prepare('UPDATE visitors SET id_hash = NULL WHERE id_hash IS NOT NULL').run().changes;
    db.prepare('DELETE FROM kiosk_secrets WHERE name = ?').run('roster-id-key');
    storeSecret(db, 'roster-id-key', key.toString('hex'), now);
    db.prepare('DELETE FROM roster_key_check').run();
    db.prepare('INSERT INTO roster_key_check (one, check_value, created_at) VALUES (1, ?, ?)').run(keyCheckValue(key), now.toISOString());
    return { cleared };
  })();
}

export function createIdHasher(key: Uint8Array | RosterKeyState): IdHasher {
  const state = key instanceof Uint8Array ? { key, problem: null } : key;
  if (!state.key) {
    const problem = state.problem ?? 'The roster key is missing.';
    return () => {
      throw new GateError('storage', problem);
    };
  }
  const k = state.key;
  return (number) => createHmac('sha256', k).update(number, 'utf8').digest('hex');
}
