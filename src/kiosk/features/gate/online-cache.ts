// Online answers kept for offline spells: while the authority cannot be reached, the last answer for the same scanned
// code may stand in for the policy's minutes, marked as cached and never past the colour's freshness. Kept in memory
// only (by a hash of the code), so no colour outlives the process and nothing more about a person goes to disk.
import { createHash } from 'node:crypto';
import type { ColourResult, HealthCodeResult } from '../../../common/contract/health-code.ts';

const MAX_KEPT = 5000;
/** Technical failures that mean "could not ask": an authority that answered with an error is not stood in for. */
const UNREACHABLE = new Set(['timeout', 'authority-unreachable']);

const keyOf = (text: string) => createHash('sha256').update(text.trim()).digest('base64url');
const isColour = (r: HealthCodeResult): r is ColourResult => r.status === 'green' || r.status === 'yellow' || r.status === 'red' || r.status === 'review';

export interface CacheRules {
  /** policy.onlineCacheMinutes: 0 keeps nothing. */
  minutes: number;
  /** policy.codeFreshnessMinutes: a colour older than this is never reused. */
  freshnessMinutes: number;
}

export function createOnlineCache(now: () => Date) {
  const kept = new Map<string, ColourResult>();
  return {
    /** Keeps a fresh online colour; anything else (offline codes, refusals to check, reuses) is not kept. */
    remember(text: string, result: HealthCodeResult, rules: CacheRules): void {
      if (rules.minutes <= 0 || !isColour(result) || result.source !== 'online' || result.cachedFrom) return;
      const key = keyOf(text);
      kept.delete(key);
      kept.set(key, result);
      for (const oldest of kept.keys()) {
        if (kept.size <= MAX_KEPT) break;
        kept.delete(oldest);
      }
    },

    /** The cached answer standing in for an unreachable authority, or null when there is none usable. */
    reuse(text: string, failure: HealthCodeResult, rules: CacheRules): HealthCodeResult | null {
      if (rules.minutes <= 0 || failure.status !== 'error' || failure.source !== 'online' || !UNREACHABLE.has(failure.reason)) return null;
      const found = kept.get(keyOf(text));
      if (!found) return null;
      const at = now().getTime();
      const answeredAt = Date.parse(found.checkedAt);
      const refreshedAt = found.refreshedAt ? Date.parse(found.refreshedAt) : answeredAt;
      if (!(at - answeredAt <= rules.minutes * 60_000)) return null;
      if (!(at - refreshedAt < rules.freshnessMinutes * 60_000)) return null;
      return { ...found, checkedAt: now().toISOString(), cachedFrom: found.checkedAt };
    },
  };
}
export type OnlineCache = ReturnType<typeof createOnlineCache>;
