// Sync to the district registry: the outbox (filled in the entry's own transaction), the kiosk's hash chain head,
// upload progress, enrolment credentials and the documents the registry sends down. Never edit; add a new migration.
import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 2,
  name: 'sync outbox',
  up: (db) => {
    db.exec(`
      CREATE TABLE sync_outbox (
        seq INTEGER PRIMARY KEY,       -- position in this kiosk's chain
        id TEXT NOT NULL UNIQUE,       -- the entry id
        at_ms INTEGER NOT NULL,
        payload TEXT NOT NULL,         -- the wire entry (JSON) with prevHash and hash
        enqueued_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE sync_chain (
        one INTEGER PRIMARY KEY CHECK (one = 1),
        last_seq INTEGER NOT NULL,
        last_hash TEXT NOT NULL
      ) STRICT;
      INSERT INTO sync_chain (one, last_seq, last_hash) VALUES (1, 0, '${'0'.repeat(64)}');
      CREATE TABLE sync_progress (
        one INTEGER PRIMARY KEY CHECK (one = 1),
        acked_seq INTEGER NOT NULL,
        acked_at TEXT,                 -- when the registry last confirmed everything it was sent
        last_entry_at TEXT             -- the newest entry the registry holds
      ) STRICT;
      INSERT INTO sync_progress (one, acked_seq) VALUES (1, 0);
      CREATE TABLE sync_rejected (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL,
        payload TEXT NOT NULL,
        reason TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE sync_credentials (
        one INTEGER PRIMARY KEY CHECK (one = 1),
        registry_url TEXT NOT NULL,
        kiosk_id TEXT NOT NULL,
        secret TEXT NOT NULL,
        compound_id TEXT NOT NULL,
        district TEXT NOT NULL,
        enrolled_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE sync_downlink (
        kind TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        content TEXT NOT NULL,
        updated_at TEXT,               -- when the district published this version
        checked_at TEXT NOT NULL       -- when the registry last confirmed it is current
      ) STRICT;
    `);
  },
};
