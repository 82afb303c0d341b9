// Who is on the district's watch list at this gate: the person's own token (through their roster or visitor record)
// and their household's, each listing counted only while in force.
import type { PersonRecord } from '../../../common/contract/entries.ts';
import type { WatchHit, WatchKind } from '../../../common/contract/watch.ts';
import type { WatchFacts } from '../../../common/gate-rules/watch-rules.ts';
import type { Db } from '../../platform/store/open-store.ts';
import { readDownlinkHead } from '../sync/kiosk-state.ts';
import { householdTokenOf } from './watch-tokens.ts';

export interface WatchMatch {
  facts: WatchFacts;
  hit: WatchHit;
}

/** Refusals first: what the entry records first is what decided it. */
const ORDER: WatchKind[] = ['quarantine', 'household-quarantine', 'red', 'yellow', 'follow-up'];

export function createWatchMatcher(db: Db) {
  const personToken = {
    resident: db.prepare<[string], { token: string }>('SELECT t.watch_token AS token FROM residents r JOIN id_watch_tokens t ON t.id_hash = r.id_hash WHERE r.id = ?'),
    visitor: db.prepare<[string], { token: string }>('SELECT t.watch_token AS token FROM visitors v JOIN id_watch_tokens t ON t.id_hash = v.id_hash WHERE v.id = ?'),
  };
  const listed = db.prepare<[{ token: string; at: number }], { kind: WatchKind; ref: number }>(
    `SELECT kind, ref FROM watch_tokens WHERE token = @token AND (valid_from_ms IS NULL OR valid_from_ms <= @at) AND (valid_until_ms IS NULL OR @at < valid_until_ms)`,
  );

  return {
    /** The person's listings in force at `at`, or null when none (or no list is held). */
    match(person: PersonRecord, at: Date): WatchMatch | null {
      // The held version only (asked for every person): the tokens themselves are rows of watch_tokens.
      const list = readDownlinkHead(db, 'watch-list');
      if (!list || list.version === 0) return null;
      const atMs = at.getTime();
      const found: Array<{ kind: WatchKind; ref: number }> = [];
      const lookup = (token: string | null | undefined, kinds: (k: WatchKind) => boolean) => {
        if (!token) return;
        for (const row of listed.all({ token, at: atMs })) if (kinds(row.kind)) found.push(row);
      };
      const kindOf = person.kind === 'visitor' ? 'visitor' : person.kind === 'resident' || person.kind === 'commuter' ? 'resident' : null;
      if (kindOf && person.id) lookup(personToken[kindOf].get(person.id)?.token, (k) => k !== 'household-quarantine');
      // A household listing binds the people who live there, not a visitor who last called on them.
      if (kindOf === 'resident' && person.household) lookup(householdTokenOf(db, person.household), (k) => k === 'household-quarantine');
      if (found.length === 0) return null;
      found.sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || a.ref - b.ref);
      const hits = found.slice(0, 8);
      return { facts: { kinds: [...new Set(hits.map((h) => h.kind))] }, hit: { version: list.version, hits } };
    },
  };
}
export type WatchMatcher = ReturnType<typeof createWatchMatcher>;
