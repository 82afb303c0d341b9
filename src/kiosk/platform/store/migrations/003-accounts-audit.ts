// Accounts, sessions and the append-only audit log; indexes the manager console's log queries need on 100k rows.
// Never edit a shipped migration; add a new one.
import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 3,
  name: 'accounts, sessions and audit log',
  up: (db) => {
    db.exec(`
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('volunteer', 'manager', 'admin')),
        password_hash TEXT,            -- scrypt record (see src/accounts/secret-hash.ts); NULL: no password
        pin_hash TEXT,                 -- scrypt record for the short PIN volunteers sign on with; NULL: no PIN
        failed_count INTEGER NOT NULL DEFAULT 0,
        retry_after_ms INTEGER,        -- no attempt is checked before this moment (slow-down after failures)
        locked_at TEXT,                -- set after too many failures; only a manager or admin clears it
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        last_sign_in_at TEXT
      ) STRICT;
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,   -- SHA-256 of the bearer token; the token itself is never stored
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        via TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL,
        last_seen_ms INTEGER NOT NULL,
        expires_at_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX sessions_by_user ON sessions (user_id);
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        at_ms INTEGER NOT NULL,
        actor TEXT NOT NULL,           -- username, or 'kiosk' / 'system' for unattended actions
        actor_role TEXT,
        action TEXT NOT NULL,
        subject TEXT,                  -- what was acted on (entry id, username, file name)
        detail TEXT NOT NULL           -- JSON object
      ) STRICT;
      CREATE INDEX audit_by_time ON audit_log (at_ms);
      CREATE INDEX audit_by_action ON audit_log (action, at_ms);
      -- Nobody edits the audit log, not even through the SQLite file with the kiosk's own code paths.
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: rows cannot be changed'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: rows cannot be deleted'); END;
      -- REPLACE deletes the old row without firing DELETE triggers, so an insert over an existing seq is refused too.
      CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
        WHEN NEW.seq IS NOT NULL AND EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.seq)
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: rows cannot be replaced'); END;
      -- The console lists a day newest first and a range by time.
      CREATE INDEX entries_by_day_time ON entries (local_day, at_ms);
    `);
  },
};
