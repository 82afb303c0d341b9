// The roster (households, residents, vehicles, commuters), visitors, policy versions and shifts; the entry log learns
// who a person was to the compound, the shift, the vehicle and any override. Never edit; add a new migration.
import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 4,
  name: 'roster, visitors, policy, shifts',
  up: (db) => {
    db.exec(`
      CREATE TABLE households (
        id TEXT PRIMARY KEY,
        building TEXT NOT NULL,
        unit TEXT NOT NULL DEFAULT '',
        room TEXT NOT NULL,
        note TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (building, unit, room)
      ) STRICT;
      CREATE TABLE residents (
        id TEXT PRIMARY KEY,
        household_id TEXT NOT NULL REFERENCES households (id),
        name TEXT NOT NULL,
        id_hash TEXT UNIQUE,           -- HMAC-SHA256 of the ID number with the compound's key; never the number
        masked_id TEXT,                -- what screens show, e.g. 1101**********1234
        phone TEXT,
        card_id TEXT UNIQUE,           -- printed resident card or pass, matched when scanned
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX residents_by_household ON residents (household_id);
      CREATE TABLE vehicles (
        id TEXT PRIMARY KEY,
        household_id TEXT NOT NULL REFERENCES households (id),
        plate TEXT NOT NULL UNIQUE,    -- upper-case, no spaces or dots
        note TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE commuters (
        resident_id TEXT PRIMARY KEY REFERENCES residents (id) ON DELETE CASCADE,
        usual_out TEXT,                -- HH:MM local
        usual_in TEXT,
        days TEXT NOT NULL,            -- JSON array of ISO weekdays
        vehicle_id TEXT REFERENCES vehicles (id) ON DELETE SET NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE visitors (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        phone TEXT NOT NULL,           -- kept for contact tracing; shown masked
        id_hash TEXT,
        masked_id TEXT,
        last_household_id TEXT REFERENCES households (id) ON DELETE SET NULL,
        last_purpose TEXT,
        visits INTEGER NOT NULL DEFAULT 0,
        first_seen_at TEXT NOT NULL,
        last_seen_at TEXT
      ) STRICT;
      CREATE INDEX visitors_by_phone ON visitors (phone);
      CREATE INDEX visitors_by_id_hash ON visitors (id_hash);
      CREATE TABLE policy_versions (
        version INTEGER PRIMARY KEY,
        content TEXT NOT NULL,         -- the Policy as JSON
        changed_by TEXT NOT NULL,
        changed_at TEXT NOT NULL,
        note TEXT
      ) STRICT;
      CREATE TABLE shifts (
        id TEXT PRIMARY KEY,
        volunteer TEXT NOT NULL,
        user_id TEXT,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        summary TEXT,                  -- JSON summary both volunteers confirmed at hand-over
        handed_to TEXT REFERENCES shifts (id)
      ) STRICT;
      CREATE UNIQUE INDEX one_open_shift ON shifts ((ended_at IS NULL)) WHERE ended_at IS NULL;
      ALTER TABLE entries ADD COLUMN person_kind TEXT;
      ALTER TABLE entries ADD COLUMN person_id TEXT;
      ALTER TABLE entries ADD COLUMN household_id TEXT;
      ALTER TABLE entries ADD COLUMN household_label TEXT;
      ALTER TABLE entries ADD COLUMN plate TEXT;
      ALTER TABLE entries ADD COLUMN shift_id TEXT;
      ALTER TABLE entries ADD COLUMN override_id TEXT;
      ALTER TABLE entries ADD COLUMN override_by TEXT;
      ALTER TABLE entries ADD COLUMN override_reason TEXT;
      ALTER TABLE entries ADD COLUMN duration_ms INTEGER;
      ALTER TABLE entries ADD COLUMN policy_version INTEGER;
      CREATE INDEX entries_by_household ON entries (household_id, direction, local_day);
      CREATE INDEX entries_by_shift ON entries (shift_id);
    `);
  },
};
