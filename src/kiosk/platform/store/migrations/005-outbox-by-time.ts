// The sync badge reads the outbox's size and oldest entry on every recorded entry. Both were full scans of the JSON
// payloads: with a week offline (100,000 waiting) each entry took ~45 ms longer. An index on time makes the oldest a
// lookup, and a size kept by triggers makes the count exact without counting.
import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 5,
  name: 'outbox by time, outbox size',
  up: (db) => {
    db.exec(`
      CREATE INDEX sync_outbox_by_time ON sync_outbox (at_ms);
      CREATE TABLE sync_outbox_size (one INTEGER PRIMARY KEY CHECK (one = 1), n INTEGER NOT NULL) STRICT;
      INSERT INTO sync_outbox_size (one, n) SELECT 1, count(*) FROM sync_outbox;
      CREATE TRIGGER sync_outbox_added AFTER INSERT ON sync_outbox BEGIN UPDATE sync_outbox_size SET n = n + 1 WHERE one = 1; END;
      CREATE TRIGGER sync_outbox_removed AFTER DELETE ON sync_outbox BEGIN UPDATE sync_outbox_size SET n = n - 1 WHERE one = 1; END;
    `);
  },
};
