// The entry log: every pass and refusal committed before anyone is told, and the console's queries over it.
import type { Audit } from '../../platform/audit/audit-log.ts';
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';
import type { Db } from '../../platform/store/open-store.ts';
import { createEntriesRepository, type EntriesRepository } from './entries-repository.ts';
import { logHandlers, type LogMethod, type ReadPage } from './handlers.ts';
import { createLogQueries, type LogQueries } from './log-queries.ts';
import { createSearchAudit, type SearchAudit } from './search-audit.ts';

export type { LogMethod, ReadPage } from './handlers.ts';
export type { SearchAudit } from './search-audit.ts';

export interface LogFeature {
  handlers: HandlersFor<LogMethod>;
  entries: EntriesRepository;
  queries: LogQueries;
  /** Audits a search by name, household or plate (the statistics take the same filter). */
  auditSearch: SearchAudit;
}

export function createLogFeature(deps: { db: Db; timeZone: string; feverLineC: () => number; audit: Audit; now: () => Date; readPage?: ReadPage }): LogFeature {
  const entries = createEntriesRepository(deps.db, deps.timeZone);
  const queries = createLogQueries(deps.db, deps.feverLineC);
  const auditSearch = createSearchAudit(deps.audit, deps.now);
  return { handlers: logHandlers({ queries, audit: deps.audit, auditSearch, ...(deps.readPage ? { readPage: deps.readPage } : {}) }), entries, queries, auditSearch };
}
