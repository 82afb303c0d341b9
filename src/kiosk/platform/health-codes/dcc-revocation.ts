// EU DCC revocation by hash, the three hash types of the EU revocation list: UCI (SHA-256 of the certificate
// identifier), COUNTRYCODEUCI (SHA-256 of the issuing country code, the CWT iss, followed by the identifier) and
// SIGNATURE (SHA-256 of the COSE signature; for ECDSA only its r half). Each truncated to its first 128 bits.
import { createHash } from 'node:crypto';
import { ALG_ES256 } from './cose.ts';

export const HASH_TYPES = ['UCI', 'COUNTRYCODEUCI', 'SIGNATURE'] as const;
export type HashType = (typeof HASH_TYPES)[number];
/** 128 bits, as the EU revocation list stores them. */
export const HASH_BYTES = 16;

const sha128 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest().subarray(0, HASH_BYTES).toString('hex');

export interface DccRevocationKeys {
  UCI: string;
  COUNTRYCODEUCI: string;
  SIGNATURE: string;
}

export function revocationHashes(input: { uci: string; issuerCountry: string | undefined; alg: number | undefined; signature: Uint8Array }): DccRevocationKeys {
  const signed = input.alg === ALG_ES256 ? input.signature.subarray(0, input.signature.length / 2) : input.signature;
  return {
    UCI: sha128(input.uci),
    COUNTRYCODEUCI: sha128(`${input.issuerCountry ?? ''}${input.uci}`),
    SIGNATURE: sha128(signed),
  };
}

/** A loaded revocation list: hex hashes by type, with what to call it in a message. */
export interface DccRevocationList {
  version: number;
  /** When the source last confirmed this list is current: its age. */
  checkedAt: Date;
  hashes: Record<HashType, ReadonlySet<string>>;
}

/** The first hash type that hits, with the list that holds it; null when the certificate is not revoked. */
export function revocationHit(list: DccRevocationList, keys: DccRevocationKeys): string | null {
  for (const type of HASH_TYPES) {
    if (list.hashes[type].has(keys[type])) return `revoked: its ${type} hash ${keys[type]} is on the DCC revocation list version ${list.version}`;
  }
  return null;
}
