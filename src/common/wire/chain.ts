// Per-kiosk hash chain: each entry commits to its own content and to the previous entry's hash.
import { canonicalJson } from './canonical-json.ts';
import type { WireDigest } from './digest.ts';
import type { EntryFields, WireEntry } from './schemas.ts';

/** What an entry's hash is taken over: the canonical JSON of everything but `hash`. */
export function hashedText(entry: Omit<WireEntry, 'hash'> | WireEntry): string {
  const { hash: _ignored, ...rest } = entry as WireEntry;
  return canonicalJson(rest);
}

export function entryHash(digest: WireDigest, entry: Omit<WireEntry, 'hash'> | WireEntry): string {
  return digest.sha256Hex(hashedText(entry));
}

export function chainEntry(digest: WireDigest, fields: EntryFields, seq: number, prevHash: string): WireEntry {
  const unhashed = { ...fields, seq, prevHash };
  return { ...unhashed, hash: entryHash(digest, unhashed) };
}

export function hashMatches(digest: WireDigest, entry: WireEntry): boolean {
  return entryHash(digest, entry) === entry.hash;
}
