// The ordered list of schema versions. Append only.
import type { Migration } from './migration.ts';
import { migration as entryLog } from './001-entry-log.ts';
import { migration as syncOutbox } from './002-sync-outbox.ts';
import { migration as accountsAudit } from './003-accounts-audit.ts';
import { migration as rosterPolicyShifts } from './004-roster-policy-shifts.ts';
import { migration as outboxByTime } from './005-outbox-by-time.ts';
import { migration as logIndexes } from './006-log-indexes.ts';
import { migration as atRest } from './007-at-rest-and-integrity.ts';
// Health facts (issue 16).
import { migration as healthFacts } from './008-health-facts.ts';
// District links: pinned district key, watch lists, alerts (issue 17, 12.3).
import { migration as districtLinks } from './009-district-links.ts';
// Whose code it was: the holder compared with the person (issue 13.2).
import { migration as codeHolder } from './010-code-holder.ts';
// Search by name, household or plate through an index of distinct texts and their pieces (issue 18).
import { migration as nameSearch } from './011-name-search.ts';
// ID cards, no-phone residents, household groups (issue 15).
import { migration as idCardHouseholds } from './012-id-card-households.ts';
// The console's one-day filters read the day index alone (issue 18).
import { migration as dayFilterIndex } from './013-day-filter-index.ts';
// Fewer pages per entry: the shift, household and outbox indexes an entry writes (issue 18, the scan's commit).
import { migration as fewerPages } from './014-fewer-pages-per-entry.ts';

export const migrations: readonly Migration[] = [entryLog, syncOutbox, accountsAudit, rosterPolicyShifts, outboxByTime, logIndexes, atRest, healthFacts, districtLinks, codeHolder, nameSearch, idCardHouseholds, dayFilterIndex, fewerPages];
