// Statistics of a day or range: entries per hour, refusals by reason, fevers, the fast lane, pace, per shift.
import type { statsMethods } from '../../../common/contract/methods/stats.ts';
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';
import type { Db } from '../../platform/store/open-store.ts';
import type { SearchAudit } from '../log/search-audit.ts';
import type { LogFilter, LogStats } from '../../../common/contract/console.ts';
import { computeStats } from './log-stats.ts';

export type StatsMethod = keyof typeof statsMethods;

/** Where the figures are added up: the console worker in the kiosk (console-work), this thread in tests. */
export type ReadStats = (filter: LogFilter) => Promise<LogStats>;

export function createStatsFeature(deps: { db: Db; timeZone: string; feverLineC: () => number; auditSearch?: SearchAudit; readStats?: ReadStats }): { handlers: HandlersFor<StatsMethod> } {
  return {
    handlers: {
      'stats.summary': async ({ filter }, caller) => {
        const stats = deps.readStats ? await deps.readStats(filter) : computeStats(deps.db, filter, { timeZone: deps.timeZone, feverLineC: deps.feverLineC() });
        // Counts answer "is this person in the log?" as well as rows do.
        deps.auditSearch?.(caller, filter, stats.total, 'stats');
        return stats;
      },
    },
  };
}
