// Statistics of a day or range: entries per hour, refusals by reason, fevers, the fast lane, pace, per shift.
import type { statsMethods } from '../../../common/contract/methods/stats.ts';
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';
import type { Db } from '../../platform/store/open-store.ts';
import type { SearchAudit } from '../log/search-audit.ts';
import { computeStats } from './log-stats.ts';

export type StatsMethod = keyof typeof statsMethods;

export function createStatsFeature(deps: { db: Db; timeZone: string; feverLineC: () => number; auditSearch?: SearchAudit }): { handlers: HandlersFor<StatsMethod> } {
  return {
    handlers: {
      'stats.summary': ({ filter }, caller) => {
        const stats = computeStats(deps.db, filter, { timeZone: deps.timeZone, feverLineC: deps.feverLineC() });
        // Counts answer "is this person in the log?" as well as rows do.
        deps.auditSearch?.(caller, filter, stats.total, 'stats');
        return stats;
      },
    },
  };
}
