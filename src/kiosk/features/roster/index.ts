// The compound's people: households, residents (ID numbers kept only as a keyed hash), vehicles, commuters and
// visitors; imports checked row by row, and printed resident cards.
import type { rosterMethods } from '../../../common/contract/methods/roster.ts';
import { actorOf, type Audit } from '../../platform/audit/audit-log.ts';
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';
import { createReadAudit } from '../../platform/privacy/read-audit.ts';
import type { Db } from '../../platform/store/open-store.ts';
import { rosterHandlers } from './handlers.ts';
import type { IdHasher } from './id-key.ts';
import { issueResidentCards, revokeResidentCard } from './resident-cards.ts';
import { createRosterRepository, type RosterRepository } from './roster-repository.ts';
import { importRosterInChunks } from './roster-import.ts';
import { readTable, type Table } from './table-file.ts';
import { createVisitorsRepository, type VisitorsRepository } from './visitors-repository.ts';

export type RosterMethod = keyof typeof rosterMethods;
export { createIdHasher, loadIdKey } from './id-key.ts';

export interface RosterFeatureDeps {
  db: Db;
  hashId: IdHasher;
  audit: Audit;
  now: () => Date;
  dataDir: string;
  /** Where the compound's trust list is; its card-signing key sits beside it. */
  trustListPath: () => string;
  /** Who the printed cards name as their issuer. */
  issuer: () => string;
  /** The compound's list of revoked cards, which the verifier rereads when it changes. */
  revocationListPath: () => string;
  /** Where an uploaded file is read into rows: the console worker in the kiosk (console-work), this thread in tests. */
  readTable?: (format: 'csv' | 'xlsx', base64: string) => Promise<Table>;
  /** Tells the screen that asked (by its progress id) how far the import is. */
  progress?: (id: string, done: number, total: number | null, finished: boolean) => void;
}

export interface RosterFeature {
  handlers: HandlersFor<RosterMethod>;
  roster: RosterRepository;
  visitors: VisitorsRepository;
}

export function createRosterFeature(deps: RosterFeatureDeps): RosterFeature {
  const { db, now } = deps;
  const roster = createRosterRepository(db, deps.hashId, now);
  const visitors = createVisitorsRepository(db, deps.hashId, now);
  return {
    roster,
    visitors,
    handlers: {
      ...rosterHandlers({ roster, visitors, audit: deps.audit, auditRead: createReadAudit(deps.audit, now) }),
      'roster.import': async ({ kind, format, fileName, base64, dryRun, progressId }, caller) => {
        const tell = (done: number, total: number | null, finished: boolean) => progressId && deps.progress?.(progressId, done, total, finished);
        tell(0, null, false);
        const table = await (deps.readTable ?? ((f, b) => readTable(f, Buffer.from(b, 'base64'))))(format, base64);
        const report = await importRosterInChunks({ db, roster, now }, kind, table, { dryRun, actor: actorOf(caller.user), fileName, progress: (done, total) => tell(done, total, false) });
        tell(report.rows, report.rows, true);
        return report;
      },
      'roster.cards': ({ residentIds }, caller) =>
        issueResidentCards({ db, roster, dataDir: deps.dataDir, trustListPath: deps.trustListPath(), issuer: deps.issuer(), now }, residentIds, actorOf(caller.user)),
      'roster.cards.revoke': (input, caller) => revokeResidentCard({ db, dataDir: deps.dataDir, revocationListPath: deps.revocationListPath(), now }, input, actorOf(caller.user)),
    },
  };
}
