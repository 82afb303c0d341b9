// ID cards, people without phones and households passing together (issue 15): residents registered as having no
// smartphone (the no-phone lane admits them), and the group an entry was recorded in, so a household that passed
// together is one row of the today list. Never edit; add a new migration.
import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 12,
  name: 'no-phone residents, household groups',
  up: (db) => {
    db.exec(`
      ALTER TABLE residents ADD COLUMN no_phone INTEGER NOT NULL DEFAULT 0;  -- registered as without a smartphone
      ALTER TABLE entries ADD COLUMN group_id TEXT;                         -- shared by a household recorded together
      CREATE INDEX entries_by_group ON entries (group_id) WHERE group_id IS NOT NULL;
    `);
  },
};
