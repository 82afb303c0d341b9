// The district's watch lists as a kiosk receives them: keyed hashes (tokens) of ID numbers and households, never the
// numbers. Each compound gets its own watch key, derived by the district from a secret only the registry holds, so a
// token means nothing at another compound and no compound's roster key ever leaves the kiosk. See docs/watch-lists.md.
import { z } from 'zod';
import { WatchKind } from '../contract/watch.ts';
import type { WireDigest } from './digest.ts';

export { WatchHit, WatchKind } from '../contract/watch.ts';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex characters');

export const WatchToken = z.object({
  token: Hex64,
  kind: WatchKind,
  /** The row of the published list (its line in the file): the district's reference when an alert comes up. */
  ref: z.number().int().min(1),
  from: z.iso.datetime().nullable(),
  until: z.iso.datetime().nullable(),
});
export type WatchToken = z.infer<typeof WatchToken>;

export const WatchListContent = z.object({ tokens: z.array(WatchToken).max(1_000_000) });
export type WatchListContent = z.infer<typeof WatchListContent>;

/** The compound's watch key: HMAC of the compound id under the district's watch secret. Registry only. */
export function compoundWatchKey(digest: WireDigest, districtSecretHex: string, compoundId: string): string {
  return digest.hmacSha256Hex(districtSecretHex, `gate-kiosk watch key v1\n${compoundId}`);
}

/** Token of a normalised ID number (see src/common/id-number.ts) under a compound's watch key. */
export function idToken(digest: WireDigest, watchKeyHex: string, normalisedNumber: string): string {
  return digest.hmacSha256Hex(watchKeyHex, `id\n${normalisedNumber}`);
}

/** Token of a household label as householdLabel() writes it ("3-2-501") under a compound's watch key. */
export function householdToken(digest: WireDigest, watchKeyHex: string, label: string): string {
  return digest.hmacSha256Hex(watchKeyHex, `household\n${label}`);
}

/** Whether a row is in force at a moment: from inclusive, until exclusive. */
export function inForce(row: Pick<WatchToken, 'from' | 'until'>, atMs: number): boolean {
  return (row.from === null || Date.parse(row.from) <= atMs) && (row.until === null || atMs < Date.parse(row.until));
}
