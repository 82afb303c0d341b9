// Where the database key lives, so that the data folder alone (a copied folder, a stolen disk without the user's
// login) does not open the database: sealed by the OS (Electron's safeStorage: DPAPI, Keychain, libsecret/kwallet)
// where the kiosk runs in Electron, otherwise in a key file outside the data folder, readable by the kiosk user only.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GateError } from '../../../../common/contract/errors.ts';

/** Electron's safeStorage, as the shell hands it over (a port: the core never imports Electron). */
export interface SecretSealer {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
  /** Linux only: 'basic_text' means no keyring, and a key "sealed" with a built-in password protects nothing. */
  getSelectedStorageBackend?(): string;
}

export type KeyProtection = { kind: 'key-file'; dir: string } | { kind: 'safe-storage'; sealer: SecretSealer };

/** GATE_KIOSK_KEY_DIR, else the user's configuration folder (never inside the data folder). */
export function defaultKeyDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.GATE_KIOSK_KEY_DIR) return path.resolve(env.GATE_KIOSK_KEY_DIR);
  if (process.platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), 'gate-kiosk', 'keys');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'gate-kiosk', 'keys');
}

/** The OS sealer when it really protects (not Linux's basic_text fallback), else a key file; says why when it falls back. */
export function chooseProtection(sealer: SecretSealer | undefined, keyDir = defaultKeyDir()): { protection: KeyProtection; note: string | null } {
  if (!sealer) return { protection: { kind: 'key-file', dir: keyDir }, note: null };
  const backend = sealer.getSelectedStorageBackend?.();
  if (!sealer.isEncryptionAvailable()) return { protection: { kind: 'key-file', dir: keyDir }, note: `the OS cannot seal secrets here; the database key is kept in a key file in ${keyDir}` };
  if (backend === 'basic_text') return { protection: { kind: 'key-file', dir: keyDir }, note: `no keyring (libsecret or kwallet) on this desktop; the database key is kept in a key file in ${keyDir}` };
  return { protection: { kind: 'safe-storage', sealer }, note: null };
}

function inside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

export function keyFilePath(dir: string, databaseId: string): string {
  return path.join(dir, `${databaseId}.key`);
}

/** Writes a new key file (never over an existing one), the folder 0700 and the file 0600. */
export function writeKeyFile(dir: string, dataDir: string, databaseId: string, key: Buffer): string {
  const resolved = path.resolve(dir);
  if (inside(resolved, path.resolve(dataDir)) || inside(path.resolve(dataDir), resolved)) {
    throw new GateError('storage', `The key folder ${resolved} is inside the data folder ${dataDir} (or holds it): the key would sit beside the data it protects. Set GATE_KIOSK_KEY_DIR to a folder outside ${dataDir}.`);
  }
  mkdirSync(resolved, { recursive: true, mode: 0o700 });
  chmodSync(resolved, 0o700);
  const file = keyFilePath(resolved, databaseId);
  writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return file;
}

export function readKeyFile(file: string, dataDir: string): Buffer {
  if (!existsSync(file)) {
    throw new GateError('storage', `The database key file ${file} is missing, so the encrypted database in ${dataDir} cannot be opened. Restore the key file from your backup (same name, same folder) and start again; without it the data cannot be read. To start over with an empty database instead: gate-kiosk storage start-over --data ${dataDir} --reason "..." (audited).`);
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  if (key.length !== 32) throw new GateError('storage', `The database key file ${file} does not hold a key (expected 64 hex digits). Restore it from your backup.`);
  return key;
}
