// The refusal reasons the figures are keyed by: the contract's own, and "other" for anything else a kiosk sends (a
// newer kiosk's reason, or a crafted one such as "constructor" or "__proto__"), so no key can reach an object's
// prototype or make up a column.
import { RefusalReason } from '../common/contract/entries.ts';

export const OTHER_REASON = 'other';
export const KNOWN_REASONS: readonly string[] = RefusalReason.options;

export function knownReason(reason: string): string {
  return KNOWN_REASONS.includes(reason) ? reason : OTHER_REASON;
}

/** A fresh count by reason with no prototype, filled from untrusted keys. */
export function countByReason(pairs: Iterable<[string, number]>): Record<string, number> {
  const counts: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const [reason, n] of pairs) {
    if (!Number.isSafeInteger(n) || n < 0) continue;
    const key = knownReason(reason);
    counts[key] = (counts[key] ?? 0) + n;
  }
  return counts;
}
