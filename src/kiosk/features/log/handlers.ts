// The console's log calls: a page of a day or range, the day's shifts, one entry, and a reveal (audited with why).
import { actorOf, type Audit } from '../../platform/audit/audit-log.ts';
import type { logMethods } from '../../../common/contract/methods/log.ts';
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';
import type { LogPage, LogQueries } from './log-queries.ts';
import type { LogFilter } from '../../../common/contract/console.ts';
import type { SearchAudit } from './search-audit.ts';

export type LogMethod = keyof typeof logMethods;

/** Where a page is read: the console worker's own connection in the kiosk (console-work), this thread in tests. */
export type ReadPage = (filter: LogFilter, offset: number, limit: number) => Promise<LogPage> | LogPage;

export function logHandlers(deps: { queries: LogQueries; audit: Audit; auditSearch: SearchAudit; readPage?: ReadPage }): HandlersFor<LogMethod> {
  const { queries } = deps;
  return {
    'log.query': async ({ filter, offset, limit }, caller) => {
      const page = await (deps.readPage ?? queries.query)(filter, offset, limit);
      deps.auditSearch(caller, filter, page.total, 'log');
      return page;
    },
    'log.shifts': ({ from, to }) => ({ shifts: queries.shifts(from, to ?? from) }),
    'log.entry': ({ id }) => queries.entry(id),
    'log.reveal': ({ id, reason }, caller) => {
      const revealed = queries.reveal(id);
      deps.audit({ actor: actorOf(caller.user), action: 'reveal', subject: id, detail: { reason } });
      return revealed;
    },
  };
}
