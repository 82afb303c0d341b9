// Capped exponential backoff with "equal jitter": never hammer a registry that is down, never retry in lockstep.

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

// Capped at 30 s: a registry back from an outage gets the backlog within half a minute, and 10,000 kiosks retrying
// that often cost it a few hundred requests a second.
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 30_000 };

/** Delay before retry number `attempt` (1 = first retry): half fixed, half random, within [exp/2, exp]. */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const exp = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  return Math.round(exp / 2 + (exp / 2) * random());
}
