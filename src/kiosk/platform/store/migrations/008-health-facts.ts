// Health facts of each entry (issue 16): what the code showed beside its colour (test, antigen, vaccination, travel
// flag, refresh and expiry, a cached online answer, failed DCC rules) as JSON, the warnings the decision gave, and
// whether the code was shown on another person's phone (a relative's code). Older rows have none of these.
import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 8,
  name: 'health facts, warnings and codes on another phone',
  up: (db) => {
    db.exec(`
      ALTER TABLE entries ADD COLUMN code_facts TEXT;                                  -- JSON, null when the code gave none
      ALTER TABLE entries ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]';             -- JSON array of decision warnings
      ALTER TABLE entries ADD COLUMN code_on_other_phone INTEGER NOT NULL DEFAULT 0;  -- 1: shown on a relative's phone
    `);
  },
};
