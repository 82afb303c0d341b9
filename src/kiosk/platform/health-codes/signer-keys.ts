// Signer keys for our offline format: EC P-256, identified by the kid our trust list pins.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { spkiKidOf, type KeyUse } from './signature.ts';
import { trustListFileFor, type TrustListFile } from './trust-list.ts';

export interface SignerKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  kid: string;
  privateKeyPem: string;
  publicKeyPem: string;
}

export function signerKeyFrom(privateKey: KeyObject): SignerKey {
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    kid: spkiKidOf(publicKey),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export function generateSignerKey(): SignerKey {
  return signerKeyFrom(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
}

/** Throws a message a person can act on when the PEM is not an EC P-256 private key. */
export function loadSignerKey(pem: string): SignerKey {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new Error('not a PEM private key (create one with `gate-kiosk keys`)');
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') throw new Error('the signer key must be EC P-256');
  return signerKeyFrom(key);
}

export function trustListOf(keys: Array<{ key: SignerKey; use: KeyUse[]; label?: string }>, issuedAt: Date, validDays: number, version = 1): TrustListFile {
  return trustListFileFor(
    keys.map(({ key, use, label }) => ({ kid: key.kid, publicKey: key.publicKeyPem, use, ...(label ? { label } : {}) })),
    issuedAt,
    validDays,
    version,
  );
}
