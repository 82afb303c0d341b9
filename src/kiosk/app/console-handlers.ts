// The console's log, statistics, export and retention calls; reveals and exports are audited with the caller's name.
import { actorOf, recordAudit, SYSTEM_ACTOR } from '../platform/audit/audit-log.ts';
import type { Caller, HandlersFor } from '../platform/calls/dispatcher.ts';
import { describeFilter, exportFileName, exportLog } from '../features/export/log-export.ts';
import { purgeExpired, retentionStatus } from '../features/retention/purge.ts';
import { computeStats } from '../features/stats/log-stats.ts';
import type { Db } from '../platform/store/open-store.ts';
import type { LogQueries } from '../features/log/log-queries.ts';

export interface ConsoleDeps {
  db: Db;
  queries: LogQueries;
  now: () => Date;
  timeZone: string;
  feverLineC: () => number;
  retentionDays: () => number;
}

const actor = (caller: Caller) => actorOf(caller.user);

export function consoleLogHandlers(deps: ConsoleDeps): HandlersFor<'log.query' | 'log.shifts' | 'log.entry' | 'log.reveal' | 'stats.summary' | 'export.log' | 'retention.status' | 'retention.purge'> {
  const { db, queries } = deps;
  return {
    'log.query': ({ filter, offset, limit }) => queries.query(filter, offset, limit),
    'log.shifts': ({ from, to }) => ({ shifts: queries.shifts(from, to ?? from) }),
    'log.entry': ({ id }) => queries.entry(id),
    'log.reveal': ({ id, reason }, caller) => {
      const revealed = queries.reveal(id);
      recordAudit(db, { actor: actor(caller), action: 'reveal', subject: id, detail: { reason } }, deps.now());
      return revealed;
    },
    'stats.summary': ({ filter }) => computeStats(db, filter, { timeZone: deps.timeZone, feverLineC: deps.feverLineC() }),
    'export.log': async ({ filter, format }, caller) => {
      const at = deps.now();
      const who = actor(caller);
      const { buffer, rows } = await exportLog(queries, filter, format, { by: who.name, role: who.role, at }, deps.timeZone);
      const fileName = exportFileName(filter, format);
      recordAudit(db, { actor: who, action: 'export', subject: fileName, detail: { format, rows, filter: describeFilter(filter), bytes: buffer.length } }, at);
      const mimeType = format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      return { fileName, mimeType, base64: buffer.toString('base64'), rows };
    },
    'retention.status': () => retentionStatus(db, { now: deps.now(), retentionDays: deps.retentionDays(), timeZone: deps.timeZone }),
    'retention.purge': (_input, caller) => purgeExpired(db, { now: deps.now(), retentionDays: deps.retentionDays(), timeZone: deps.timeZone, actor: caller.user ? actor(caller) : SYSTEM_ACTOR }),
  };
}
