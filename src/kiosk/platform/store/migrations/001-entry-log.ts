// The entry log: one row per person per pass or refusal. Never edit a shipped migration; add a new one.
import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 1,
  name: 'entry log',
  up: (db) => {
    db.exec(`
      CREATE TABLE entries (
        id TEXT PRIMARY KEY,
        at TEXT NOT NULL,              -- ISO-8601 UTC
        at_ms INTEGER NOT NULL,        -- for range queries
        local_day TEXT NOT NULL,       -- YYYY-MM-DD in the compound's time zone
        direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        lane TEXT NOT NULL CHECK (lane IN ('standard', 'fast')),
        identity_name TEXT,
        identity_masked_id TEXT,
        code_status TEXT NOT NULL,
        code_source TEXT,
        code_reason TEXT,
        code_detail TEXT,
        code_holder_name TEXT,
        code_checked_at TEXT NOT NULL,
        body_c REAL,
        object_c REAL,
        ambient_c REAL,
        temperature_source TEXT,
        mask_worn INTEGER,
        decision TEXT NOT NULL CHECK (decision IN ('pass', 'refuse')),
        reasons TEXT NOT NULL,         -- JSON array of refusal reasons
        volunteer TEXT NOT NULL
      ) STRICT;
      CREATE INDEX entries_by_time ON entries (at_ms);
      CREATE INDEX entries_by_day ON entries (local_day, decision);
    `);
  },
};
