// Old entries leave the kiosk once the registry holds them: on a manager's request, and on the root's schedule.
import type { retentionMethods } from '../../../common/contract/methods/retention.ts';
import { actorOf, SYSTEM_ACTOR } from '../../platform/audit/audit-log.ts';
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';
import type { Db } from '../../platform/store/open-store.ts';
import { purgeExpired, retentionStatus, type PurgeResult } from './purge.ts';

export type RetentionMethod = keyof typeof retentionMethods;

export interface RetentionFeature {
  handlers: HandlersFor<RetentionMethod>;
  /** The scheduled purge, as the system. */
  purgeDue(): Promise<PurgeResult>;
}

export function createRetentionFeature(deps: {
  db: Db;
  now: () => Date;
  timeZone: string;
  retentionDays: () => number;
  /** Tells the screen that asked (by its progress id) how far the purge is. */
  progress?: (id: string, done: number, total: number | null, finished: boolean) => void;
}): RetentionFeature {
  const options = () => ({ now: deps.now(), retentionDays: deps.retentionDays(), timeZone: deps.timeZone });
  return {
    handlers: {
      'retention.status': () => retentionStatus(deps.db, options()),
      'retention.purge': async ({ progressId }, caller) => {
        const tell = (done: number, total: number | null, finished: boolean) => progressId && deps.progress?.(progressId, done, total, finished);
        const result = await purgeExpired(deps.db, { ...options(), actor: caller.user ? actorOf(caller.user) : SYSTEM_ACTOR }, { progress: (done, total) => tell(done, total, false) });
        tell(result.purged, result.purged, true);
        return result;
      },
    },
    purgeDue: () => purgeExpired(deps.db, { ...options(), actor: SYSTEM_ACTOR }),
  };
}
