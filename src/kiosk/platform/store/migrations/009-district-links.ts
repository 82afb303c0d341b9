// The district's side of the kiosk (issues 12.3 and 17): the district key and the compound's watch-list key pinned
// at enrolment, when the registry signed each document it sent, the watch list's tokens (keyed hashes, never ID
// numbers), the watch token of every ID number the kiosk has hashed (keyed by the roster's own hash), the watch-list
// match an entry records, and the alerts waiting to go up. Never edit; add a new migration.
import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 9,
  name: 'district key, watch lists, alerts',
  up: (db) => {
    db.exec(`
      ALTER TABLE sync_credentials ADD COLUMN district_key TEXT;   -- Ed25519 public key (SPKI, base64) pinned at enrolment
      ALTER TABLE sync_credentials ADD COLUMN watch_key TEXT;      -- this compound's watch-list HMAC key (hex)
      ALTER TABLE sync_credentials ADD COLUMN certificate_sha256 TEXT; -- the registry's TLS certificate as pinned at enrolment
      ALTER TABLE sync_downlink ADD COLUMN served_at TEXT;         -- the registry's signed time of the last answer
      CREATE TABLE watch_tokens (
        token TEXT NOT NULL,           -- HMAC of an ID number or household under the watch key
        kind TEXT NOT NULL,
        ref INTEGER NOT NULL,          -- the row of the district's list
        valid_from_ms INTEGER,
        valid_until_ms INTEGER,
        PRIMARY KEY (token, kind, ref)
      ) STRICT, WITHOUT ROWID;
      -- Filled whenever the core holds a plain ID number (roster import or edit, a typed ID, a visitor's card):
      -- residents and visitors are matched through their roster hash without the number ever being kept.
      CREATE TABLE id_watch_tokens (
        id_hash TEXT PRIMARY KEY,      -- residents.id_hash / visitors.id_hash
        watch_token TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      ALTER TABLE entries ADD COLUMN watch TEXT;                   -- JSON: the list version and matching rows
      CREATE TABLE alert_outbox (
        id TEXT PRIMARY KEY,           -- chosen here: the registry keeps each id once
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,         -- the alert as sent (JSON)
        created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        delivered_at TEXT
      ) STRICT;
      CREATE INDEX alert_outbox_waiting ON alert_outbox (created_at) WHERE delivered_at IS NULL;
    `);
  },
};
