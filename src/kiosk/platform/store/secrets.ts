// Secrets that belong to the compound (the roster ID key, the card-signing key) live inside the encrypted database,
// never beside it in clear. A file an earlier version kept in the data folder is moved in once and then removed.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import type { Db } from './at-rest/cipher.ts';

export type SecretName = 'roster-id-key' | 'compound-card-key' | 'sample-code-key';

export function readSecret(db: Db, name: SecretName): string | null {
  return db.prepare<[string], { value: string }>('SELECT value FROM kiosk_secrets WHERE name = ?').get(name)?.value ?? null;
}

/** Stores a secret once; an existing one is never replaced (everything signed or hashed with it depends on it). */
export function storeSecret(db: Db, name: SecretName, value: string, now: Date, adoptedFrom: string | null = null): string {
  db.prepare('INSERT INTO kiosk_secrets (name, value, created_at, adopted_from) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO NOTHING').run(name, value, now.toISOString(), adoptedFrom);
  return readSecret(db, name)!;
}

/**
 * Moves a legacy secret file into the database: stored (committed) first, the file removed after, so a crash in
 * between leaves both copies and the next start removes the file.
 */
export function adoptSecretFile(db: Db, name: SecretName, file: string, now: Date, parse: (text: string) => string = (t) => t): string | null {
  if (!existsSync(file)) return readSecret(db, name);
  const stored = readSecret(db, name) ?? storeSecret(db, name, parse(readFileSync(file, 'utf8')), now, file);
  rmSync(file, { force: true });
  return stored;
}
