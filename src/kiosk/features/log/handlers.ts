// The console's log calls: a page of a day or range, the day's shifts, one entry, and a reveal (audited with why).
import { actorOf, type Audit } from '../../platform/audit/audit-log.ts';
import type { logMethods } from '../../../common/contract/methods/log.ts';
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';
import type { LogQueries } from './log-queries.ts';
import type { SearchAudit } from './search-audit.ts';

export type LogMethod = keyof typeof logMethods;

export function logHandlers(deps: { queries: LogQueries; audit: Audit; auditSearch: SearchAudit }): HandlersFor<LogMethod> {
  const { queries } = deps;
  return {
    'log.query': ({ filter, offset, limit }, caller) => {
      const page = queries.query(filter, offset, limit);
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
