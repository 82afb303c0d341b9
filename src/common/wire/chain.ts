// Per-kiosk hash chain: each entry commits to its own content and to the previous entry's hash.
import { canonicalJson, sha256Hex } from './canonical-json.ts';
import type { EntryFields, WireEntry } from './schemas.ts';

export function entryHash(entry: Omit<WireEntry, 'hash'> | WireEntry): string {
  const { hash: _ignored, ...rest } = entry as WireEntry;
  return sha256Hex(canonicalJson(rest));
}

export function chainEntry(fields: EntryFields, seq: number, prevHash: string): WireEntry {
  const unhashed = { ...fields, seq, prevHash };
  return { ...unhashed, hash: entryHash(unhashed) };
}

export function hashMatches(entry: WireEntry): boolean {
  return entryHash(entry) === entry.hash;
}
