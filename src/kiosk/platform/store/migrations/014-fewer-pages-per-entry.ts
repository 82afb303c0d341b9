// Fewer pages written per entry (issue 18, the scan's commit): every b-tree an entry touches is one more 4 KiB page
// encrypted, authenticated and written to the WAL before the person is answered (about 26 per entry before this).
// - entries_by_day (local_day, decision), from migration 001, is served by entries_day_stats (migration 013), which
//   leads with the day and carries the decision (migration 013 dropped the (local_day, at_ms) index for the same
//   reason).
// - entries_by_shift and entries_by_household hold only rows that have a shift or a household: their queries ask for
//   one shift or one household (shift_id = ?, household_id = ?), never for the NULLs, so a kiosk without shifts and
//   an unknown person or a visitor without a household write no page to them.
// - The outbox's size moves into the chain's row, which every entry updates anyway (one page, not two).
// - The outbox's oldest waiting entry is its first in chain order (the one enqueued first), read through the seq
//   key: the time index goes.
// - The outbox no longer keeps a second index of entry ids (a random leaf per entry): the entry id is already unique
//   in entries, and the outbox is acknowledged by seq. The table is rebuilt without the UNIQUE constraint.
// Never edit; add a new migration.
import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 14,
  name: 'fewer pages per entry: the (local_day, decision) index, shift and household indexes without NULLs, outbox size in the chain row, outbox by seq only',
  up: (db) => {
    db.exec(`
      DROP INDEX entries_by_day;
      DROP INDEX entries_by_shift;
      CREATE INDEX entries_by_shift ON entries (shift_id) WHERE shift_id IS NOT NULL;
      DROP INDEX entries_by_household;
      CREATE INDEX entries_by_household ON entries (household_id, direction, local_day) WHERE household_id IS NOT NULL;

      ALTER TABLE sync_chain ADD COLUMN waiting INTEGER NOT NULL DEFAULT 0;
      DROP TRIGGER sync_outbox_added;
      DROP TRIGGER sync_outbox_removed;
      DROP TABLE sync_outbox_size;

      CREATE TABLE sync_outbox_by_seq (
        seq INTEGER PRIMARY KEY,       -- position in this kiosk's chain
        id TEXT NOT NULL,              -- the entry id (unique in entries)
        at_ms INTEGER NOT NULL,
        payload TEXT NOT NULL,         -- the wire entry (JSON) with prevHash and hash
        enqueued_at TEXT NOT NULL
      ) STRICT;
      INSERT INTO sync_outbox_by_seq (seq, id, at_ms, payload, enqueued_at) SELECT seq, id, at_ms, payload, enqueued_at FROM sync_outbox;
      DROP TABLE sync_outbox;
      ALTER TABLE sync_outbox_by_seq RENAME TO sync_outbox;
      UPDATE sync_chain SET waiting = (SELECT count(*) FROM sync_outbox) WHERE one = 1;
      CREATE TRIGGER sync_outbox_added AFTER INSERT ON sync_outbox BEGIN UPDATE sync_chain SET waiting = waiting + 1 WHERE one = 1; END;
      CREATE TRIGGER sync_outbox_removed AFTER DELETE ON sync_outbox BEGIN UPDATE sync_chain SET waiting = waiting - 1 WHERE one = 1; END;
    `);
  },
};
