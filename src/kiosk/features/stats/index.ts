// Statistics of a day or range: entries per hour, refusals by reason, fevers, the fast lane, pace, per shift.
import type { statsMethods } from '../../../common/contract/methods/stats.ts';
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';
import type { Db } from '../../platform/store/open-store.ts';
import { computeStats } from './log-stats.ts';

export type StatsMethod = keyof typeof statsMethods;

export function createStatsFeature(deps: { db: Db; timeZone: string; feverLineC: () => number }): { handlers: HandlersFor<StatsMethod> } {
  return {
    handlers: {
      'stats.summary': ({ filter }) => computeStats(deps.db, filter, { timeZone: deps.timeZone, feverLineC: deps.feverLineC() }),
    },
  };
}
