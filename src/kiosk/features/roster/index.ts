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
import { importRoster } from './roster-import.ts';
import { readTable } from './table-file.ts';
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
      'roster.import': async ({ kind, format, fileName, base64, dryRun }, caller) => {
        const table = await readTable(format, Buffer.from(base64, 'base64'));
        return importRoster({ db, roster, now }, kind, table, { dryRun, actor: actorOf(caller.user), fileName });
      },
      'roster.cards': ({ residentIds }, caller) =>
        issueResidentCards({ db, roster, dataDir: deps.dataDir, trustListPath: deps.trustListPath(), issuer: deps.issuer(), now }, residentIds, actorOf(caller.user)),
      'roster.cards.revoke': (input, caller) => revokeResidentCard({ db, dataDir: deps.dataDir, revocationListPath: deps.revocationListPath(), now }, input, actorOf(caller.user)),
    },
  };
}
