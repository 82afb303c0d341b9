// The district's own keys, made once and shared by every registry process through the database: the Ed25519 key that
// signs every document sent down (kiosks pin its public half at enrolment) and the secret each compound's watch-list
// key is derived from. A backup of the database holds them: guard it as the registry itself.
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import type { SignatureCheck } from '../common/wire/signed-documents.ts';
import { compoundWatchKey } from '../common/wire/watch-list.ts';
import { nodeDigest } from './node-digest.ts';
import type { Database } from './sql.ts';

export interface DistrictKeys {
  /** Ed25519 public key, SPKI DER in base64: what kiosks pin. */
  publicKey: string;
  /** SHA-256 of the public key, for people to compare (AB:CD:...). */
  fingerprint: string;
  sign(message: string): string;
  /** The watch-list key of one compound (HMAC of its id under the district's watch secret). */
  watchKey(compoundId: string): string;
}

const SIGNING = 'district-signing-key';
const WATCH = 'watch-secret';

export async function loadDistrictKeys(db: Database): Promise<DistrictKeys> {
  const fresh = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  // Several processes may start at once: each offers a key, the first insert wins, and all read back the winner.
  await db.query(`INSERT INTO registry_secrets (name, value) VALUES ($1, $2), ($3, $4) ON CONFLICT (name) DO NOTHING`, [
    SIGNING,
    fresh,
    WATCH,
    randomBytes(32).toString('hex'),
  ]);
  const rows = await db.query<{ name: string; value: string }>('SELECT name, value FROM registry_secrets WHERE name IN ($1, $2)', [SIGNING, WATCH]);
  const byName = new Map(rows.map((r) => [r.name, r.value]));
  const privateKey: KeyObject = createPrivateKey(byName.get(SIGNING)!);
  const watchSecret = byName.get(WATCH)!;
  const der = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  return {
    publicKey: der.toString('base64'),
    fingerprint: keyFingerprint(der.toString('base64')),
    sign: (message) => sign(null, Buffer.from(message, 'utf8'), privateKey).toString('base64'),
    watchKey: (compoundId) => compoundWatchKey(nodeDigest, watchSecret, compoundId),
  };
}

/** AB:CD:... of the SHA-256 of a base64 public key, as the registry prints it and the kiosk shows it. */
export function keyFingerprint(publicKeyBase64: string): string {
  return nodeDigest.sha256Hex(Buffer.from(publicKeyBase64, 'base64')).toUpperCase().match(/../g)!.join(':');
}

/** Ed25519 verification on node:crypto (tests use it to check what the registry signed). */
export const nodeSignatures: SignatureCheck = {
  verify: (publicKey, message, signature) =>
    verify(null, Buffer.from(message, 'utf8'), { key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' }, Buffer.from(signature, 'base64')),
};
