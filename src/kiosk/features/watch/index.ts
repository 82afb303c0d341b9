// The district's watch lists at the gate: matching a person by keyed tokens, and the list's version and age for the
// screen. The tokens arrive with the other district documents (features/sync); nobody's ID number is kept here.
import type { watchMethods } from '../../../common/contract/methods/watch.ts';
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';
import type { Db } from '../../platform/store/open-store.ts';
import type { IdHasher } from '../roster/id-key.ts';
import { readDownlink } from '../sync/kiosk-state.ts';
import { createWatchMatcher, type WatchMatcher } from './matcher.ts';
import { notingWatchTokens, watchKeyOf } from './watch-tokens.ts';

export type WatchMethod = keyof typeof watchMethods;
export type { WatchMatch, WatchMatcher } from './matcher.ts';

export interface WatchFeature {
  handlers: HandlersFor<WatchMethod>;
  matcher: WatchMatcher;
  /** The roster's ID hasher, noting each number's watch token as it hashes it. */
  hasher(hashId: IdHasher): IdHasher;
  /** A watch list from the district is in force (its red/yellow rows are the status list for people without phones). */
  published(): boolean;
}

export function createWatchFeature(deps: { db: Db; now: () => Date }): WatchFeature {
  const { db } = deps;
  const byKind = db.prepare<[], { kind: string; n: number }>('SELECT kind, count(*) AS n FROM watch_tokens GROUP BY kind');
  const unmatched = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM residents r WHERE r.id_hash IS NOT NULL AND NOT EXISTS (SELECT 1 FROM id_watch_tokens t WHERE t.id_hash = r.id_hash)');
  return {
    matcher: createWatchMatcher(db),
    hasher: (hashId) => notingWatchTokens(db, hashId),
    published: () => (readDownlink(db, 'watch-list')?.version ?? 0) > 0,
    handlers: {
      'watch.status': () => {
        const list = readDownlink(db, 'watch-list');
        const kinds = byKind.all();
        return {
          keyed: watchKeyOf(db) !== null,
          version: list?.version ?? 0,
          ageSeconds: list ? Math.max(0, Math.round((deps.now().getTime() - Date.parse(list.checkedAt)) / 1000)) : null,
          publishedAt: list?.updatedAt ?? null,
          rows: kinds.reduce((sum, k) => sum + k.n, 0),
          byKind: Object.fromEntries(kinds.map((k) => [k.kind, k.n])),
          residentsWithoutToken: unmatched.get()!.n,
        };
      },
    },
  };
}
