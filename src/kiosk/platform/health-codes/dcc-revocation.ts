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

/** What a lookup needs of a set of hashes (a Set<string> of hex will do in tests). */
export interface HashLookup {
  has(hex: string): boolean;
  readonly size: number;
}

/**
 * 16-byte hashes kept sorted in one buffer and found by binary search: a million revoked certificates take 16 MB
 * instead of the ~70 MB a Set of hex strings needs on a kiosk PC that runs for weeks.
 */
export class SortedHashes implements HashLookup {
  readonly size: number;
  private readonly sorted: Buffer;

  constructor(unsorted: Buffer) {
    const n = Math.floor(unsorted.length / HASH_BYTES);
    // Sort positions by the first four bytes, then the rest: a comparator on numbers for almost every pair.
    const keys = new Uint32Array(n);
    for (let i = 0; i < n; i++) keys[i] = unsorted.readUInt32BE(i * HASH_BYTES);
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => keys[a]! - keys[b]! || unsorted.compare(unsorted, b * HASH_BYTES, b * HASH_BYTES + HASH_BYTES, a * HASH_BYTES, a * HASH_BYTES + HASH_BYTES));
    this.sorted = Buffer.alloc(n * HASH_BYTES);
    for (let i = 0; i < n; i++) unsorted.copy(this.sorted, i * HASH_BYTES, order[i]! * HASH_BYTES, order[i]! * HASH_BYTES + HASH_BYTES);
    this.size = n;
  }

  has(hex: string): boolean {
    const needle = Buffer.from(hex, 'hex');
    if (needle.length !== HASH_BYTES) return false;
    let low = 0;
    let high = this.size - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const c = this.sorted.compare(needle, 0, HASH_BYTES, mid * HASH_BYTES, mid * HASH_BYTES + HASH_BYTES);
      if (c === 0) return true;
      if (c < 0) low = mid + 1;
      else high = mid - 1;
    }
    return false;
  }
}

/** A loaded revocation list: hashes by type, with what to call it in a message. */
export interface DccRevocationList {
  version: number;
  /** When the source last confirmed this list is current: its age. */
  checkedAt: Date;
  hashes: Record<HashType, HashLookup>;
}

/** The first hash type that hits, with the list that holds it; null when the certificate is not revoked. */
export function revocationHit(list: DccRevocationList, keys: DccRevocationKeys): string | null {
  for (const type of HASH_TYPES) {
    if (list.hashes[type].has(keys[type])) return `revoked: its ${type} hash ${keys[type]} is on the DCC revocation list version ${list.version}`;
  }
  return null;
}
