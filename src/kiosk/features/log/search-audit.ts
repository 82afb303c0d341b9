// A search by name, household or plate answers "is this person in the log?" even when the rows come back masked, so
// it is audited like a reveal: who searched for what, over which days, and how many entries matched (the console asks
// again for each page it scrolls to: one record per search, see platform/privacy/read-audit.ts).
import type { LogFilter } from '../../../common/contract/console.ts';
import { actorOf, type Audit } from '../../platform/audit/audit-log.ts';
import type { Caller } from '../../platform/calls/caller.ts';
import { createReadAudit } from '../../platform/privacy/read-audit.ts';

export type SearchAudit = (caller: Caller, filter: LogFilter, matches: number, where: 'log' | 'stats') => void;

export function createSearchAudit(audit: Audit, now: () => Date): SearchAudit {
  const record = createReadAudit(audit, now);
  return (caller, filter, matches, where) => {
    if (!filter.search) return;
    record({ actor: actorOf(caller.user), action: 'log-search', subject: filter.search, detail: { where, from: filter.from, to: filter.to ?? filter.from, matches } }, [where, filter]);
  };
}
