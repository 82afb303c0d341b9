// Whose code it was (issue 13.2): the core compares the code's holder with the person recorded, and keeps what it found,
// and whether the volunteer confirmed a code whose holder's name differs as the person's own (a relative's account
// showing it). The holder's masked name itself is in code_holder_name since migration 001. Older rows have none.
import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 10,
  name: 'code holder compared with the person',
  up: (db) => {
    db.exec(`
      ALTER TABLE entries ADD COLUMN holder_check TEXT;  -- 'same', 'confirmed' (differs; the volunteer said it is theirs), null: not compared
    `);
  },
};
