// WAL checkpoints between calls, not inside one. SQLite's automatic checkpoint runs inside the commit that takes the
// WAL past 1,000 pages: about one person in fifty waited for every page to be copied into the database file and for
// its fsync (the scan's p99). After every few entries, once the call has answered, a passive checkpoint copies what
// it can without waiting for anyone, so the automatic one (kept as the backstop) is seldom reached.
import type { Db } from './at-rest/cipher.ts';

/** About 20 pages of the WAL per entry (the row, its indexes and the outbox row): 16 entries stay well under 1,000. */
export const CHECKPOINT_EVERY_ENTRIES = 16;

export interface Checkpoints {
  /** An entry was committed: counts it and, every few, checkpoints once the current call has answered. */
  written(): void;
  stop(): void;
}

export function createCheckpoints(db: Db, log: (message: string, error?: unknown) => void, every = CHECKPOINT_EVERY_ENTRIES): Checkpoints {
  let since = 0;
  let soon: NodeJS.Immediate | null = null;
  const checkpoint = () => {
    soon = null;
    if (!db.open) return;
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      // Nothing is lost: the pages stay in the WAL, and SQLite's own checkpoint takes them at the next commit.
      log('a WAL checkpoint failed; SQLite checkpoints at a later commit', error);
    }
  };
  return {
    written() {
      since += 1;
      if (since < every || soon !== null) return;
      since = 0;
      soon = setImmediate(checkpoint);
    },
    stop() {
      if (soon !== null) clearImmediate(soon);
      soon = null;
    },
  };
}
