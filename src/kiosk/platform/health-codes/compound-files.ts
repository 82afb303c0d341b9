// The compound's own files beside its trust list: the card-signing key made at first start and pinned in the trust list
// the verifier reads, and the list of revoked cards (without one no printed card can be trusted). The private key
// itself lives in the encrypted database (an earlier version's trust/compound-card.key.pem is moved in); only the
// public key is in the trust list.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../store/open-store.ts';
import { adoptSecretFile, storeSecret } from '../store/secrets.ts';
import { generateSignerKey } from './signer-keys.ts';
import { RevocationListFile, TrustListFile, trustListFileFor } from './trust-list.ts';

export const CARD_KEY_FILE = 'compound-card.key.pem';

/** Where an earlier version kept the card-signing key in clear: beside the trust list it is pinned in. */
export function cardKeyFile(dataDir: string, trustListPath: string): string {
  return path.join(path.dirname(path.resolve(dataDir, trustListPath)), CARD_KEY_FILE);
}

/** The card-signing private key (PEM), moving an earlier version's file into the database; null before setup. */
export function loadCardKey(db: Db, dataDir: string, trustListPath: string, now: Date = new Date()): string | null {
  return adoptSecretFile(db, 'compound-card-key', cardKeyFile(dataDir, trustListPath), now);
}

/** Creates the compound's card-signing key once and pins it in the trust list the verifier reads. */
export function ensureCardKey(db: Db, dataDir: string, trustListPath: string, now: Date): { kid: string; created: boolean } {
  const listFile = path.resolve(dataDir, trustListPath);
  mkdirSync(path.dirname(listFile), { recursive: true });
  const previous = existsSync(listFile) ? TrustListFile.parse(JSON.parse(readFileSync(listFile, 'utf8'))) : null;
  if (loadCardKey(db, dataDir, trustListPath, now) && previous) {
    const kid = previous.keys.find((k) => k.label === 'compound-card')?.kid;
    if (kid) return { kid, created: false };
  }
  const key = generateSignerKey();
  db.prepare('DELETE FROM kiosk_secrets WHERE name = ?').run('compound-card-key');
  storeSecret(db, 'compound-card-key', key.privateKeyPem, now);
  const keys = [...(previous?.keys ?? []), { kid: key.kid, publicKey: key.publicKeyPem, use: ['card' as const], label: 'compound-card' }];
  // The compound's own list: a printed card stays valid for a year unless revoked.
  const list = trustListFileFor(keys, now, 365, (previous?.version ?? 0) + 1);
  writeFileSync(listFile, `${JSON.stringify(list, null, 2)}\n`, { mode: 0o600 });
  return { kid: key.kid, created: true };
}

/** An empty list of revoked cards: without one the gate cannot trust any printed card (it cannot know none is revoked). */
export function ensureRevocationList(dataDir: string, revocationListPath: string, now: Date): void {
  const file = path.resolve(dataDir, revocationListPath);
  if (existsSync(file)) return;
  mkdirSync(path.dirname(file), { recursive: true });
  const list: RevocationListFile = { version: 1, issuedAt: now.toISOString(), revokedCardIds: [] };
  writeFileSync(file, `${JSON.stringify(list, null, 2)}\n`, { mode: 0o600 });
}


/**
 * Adds a card to the compound's list of revoked cards, written whole and renamed into place, so the verifier (which
 * rereads the file when it changes) refuses the card from the next scan on. Returns the list's new version.
 */
export function revokeCardInList(dataDir: string, revocationListPath: string, cardId: string, now: Date): { version: number; alreadyRevoked: boolean } {
  const file = path.resolve(dataDir, revocationListPath);
  const previous: RevocationListFile = existsSync(file)
    ? RevocationListFile.parse(JSON.parse(readFileSync(file, 'utf8')))
    : { version: 0, issuedAt: now.toISOString(), revokedCardIds: [] };
  if (previous.revokedCardIds.includes(cardId)) return { version: previous.version, alreadyRevoked: true };
  const next: RevocationListFile = { version: previous.version + 1, issuedAt: now.toISOString(), revokedCardIds: [...previous.revokedCardIds, cardId] };
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
  return { version: next.version, alreadyRevoked: false };
}
