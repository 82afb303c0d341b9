// Wrong sign-ins slow down the place they come from, never the account everywhere: a peer on the network that guesses
// at the admin's password waits longer and longer, while the admin at the kiosk (another source) signs in at once.
// Nothing locks: after a wait the right secret works again. Kept in memory (nothing on the network can restart the
// kiosk); an audited unlock (console or `gate-kiosk accounts unlock`) clears it.
//
// Two counters per source: one per user name tried (known or not, so the answers never tell them apart) and one for
// the source as a whole (so trying many names is slowed too). Each lets `free` failures through, then each further
// failure doubles the wait before the next attempt is even checked, up to `maxWaitMs`; an hour without failures
// forgets them.

export interface ThrottlePolicy {
  freePerName: number;
  freePerSource: number;
  firstWaitMs: number;
  maxWaitMs: number;
  forgetAfterMs: number;
  /** Counters kept at most; the stalest go first (memory stays bounded whatever is sprayed at it). */
  maxKeys: number;
  /**
   * A refusal that costs no hashing (still waiting, or too many checks at once) is answered only after this long (up
   * to the wait itself): a guesser that fires again the moment it hears back then fires slowly, and the kiosk's
   * thread answers a few refusals a second instead of hundreds. A timer holds the answer; nothing is computed.
   */
  holdMs: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = { freePerName: 5, freePerSource: 20, firstWaitMs: 1000, maxWaitMs: 5 * 60_000, forgetAfterMs: 3600_000, maxKeys: 10_000, holdMs: 2000 };

interface Counter {
  failures: number;
  firstMs: number;
  lastMs: number;
  waitUntilMs: number;
}

export interface Wait {
  waitMs: number;
  /** Which counter holds the attempt back, and since when it counts (an unlock after that moment clears it). */
  by: 'name' | 'source';
  sinceMs: number;
}

const normalName = (username: string) => username.trim().toLowerCase();
const nameKey = (source: string, username: string) => `${source}\u0000${normalName(username)}`;
const sourceKey = (source: string) => `${source}\u0000`;

export function createSignInThrottle(policy: ThrottlePolicy = DEFAULT_THROTTLE, now: () => number = Date.now) {
  const counters = new Map<string, Counter>();

  function live(key: string, at: number): Counter | undefined {
    const counter = counters.get(key);
    if (counter && at - counter.lastMs > policy.forgetAfterMs) {
      counters.delete(key);
      return undefined;
    }
    return counter;
  }

  function count(key: string, free: number, at: number): void {
    const counter = live(key, at) ?? { failures: 0, firstMs: at, lastMs: at, waitUntilMs: 0 };
    counter.failures += 1;
    counter.lastMs = at;
    const over = counter.failures - free;
    counter.waitUntilMs = over > 0 ? at + Math.min(policy.maxWaitMs, policy.firstWaitMs * 2 ** (over - 1)) : 0;
    // Re-inserted so the Map's order is least recently failed first.
    counters.delete(key);
    counters.set(key, counter);
    while (counters.size > policy.maxKeys) counters.delete(counters.keys().next().value!);
  }

  return {
    /** How long this source must wait before an attempt for this name is checked; null when it may go now. */
    wait(source: string, username: string): Wait | null {
      const at = now();
      const byName = live(nameKey(source, username), at);
      const bySource = live(sourceKey(source), at);
      const waits: Wait[] = [];
      if (byName && byName.waitUntilMs > at) waits.push({ waitMs: byName.waitUntilMs - at, by: 'name', sinceMs: byName.firstMs });
      if (bySource && bySource.waitUntilMs > at) waits.push({ waitMs: bySource.waitUntilMs - at, by: 'source', sinceMs: bySource.firstMs });
      return waits.sort((a, b) => b.waitMs - a.waitMs)[0] ?? null;
    },
    failed(source: string, username: string): void {
      const at = now();
      count(nameKey(source, username), policy.freePerName, at);
      count(sourceKey(source), policy.freePerSource, at);
    },
    /** The right secret: this name starts afresh from this source (the source's own count only fades with time). */
    succeeded(source: string, username: string): void {
      counters.delete(nameKey(source, username));
    },
    /** An unlock: the name's counters at every source, and every source's own count, start afresh. */
    clear(username: string): void {
      const name = normalName(username);
      for (const key of [...counters.keys()]) {
        const [, keyName] = key.split('\u0000');
        if (keyName === name || keyName === '') counters.delete(key);
      }
    },
    /** Names held back somewhere right now, for the accounts list. */
    slowedNames(): Set<string> {
      const at = now();
      const names = new Set<string>();
      for (const [key, counter] of counters) if (counter.waitUntilMs > at && !key.endsWith('\u0000')) names.add(key.split('\u0000')[1]!);
      return names;
    },
  };
}
export type SignInThrottle = ReturnType<typeof createSignInThrottle>;
