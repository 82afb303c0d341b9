// Keeping the disk honest (issues 12.4 and 14.4-14.7). Secrets that used to lie beside the data in clear (the roster
// ID key, the card-signing key) move into the encrypted database; the roster key's check value sits beside the hashes
// it made; the audit log becomes a hash chain (existing rows are chained now, in seq order) that is uploaded to the
// registry; the registry's reported chain problems and a deliberate restart are kept; an entry remembers the screen's
// idempotency key so a retried call does not record the person twice. Never edit; add a new migration.
import { createHash } from 'node:crypto';
import { auditHash } from '../../../../common/wire/audit-chain.ts';
import { GENESIS_HASH } from '../../../../common/wire/schemas.ts';
import { nodeDigest } from '../../node-digest.ts';
import type { Migration } from './migration.ts';

interface OldAuditRow {
  seq: number;
  at: string;
  actor: string;
  actor_role: string | null;
  action: string;
  subject: string | null;
  detail: string;
}

const APPEND_ONLY_UPDATE_TRIGGER = `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: rows cannot be changed'); END;`;

export const migration: Migration = {
  version: 7,
  name: 'secrets inside the database, chained audit log, registry problems, idempotent records',
  up: (db) => {
    db.exec(`
      CREATE TABLE kiosk_secrets (
        name TEXT PRIMARY KEY,         -- 'roster-id-key', 'compound-card-key'
        value TEXT NOT NULL,
        created_at TEXT NOT NULL,
        adopted_from TEXT              -- the file it was moved in from, when it came from an earlier version
      ) STRICT;
      -- HMAC-SHA256(roster key, a fixed text): a key that did not make the stored ID hashes is recognised.
      CREATE TABLE roster_key_check (
        one INTEGER PRIMARY KEY CHECK (one = 1),
        check_value TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
      ALTER TABLE audit_log ADD COLUMN hash TEXT;
      CREATE TABLE sync_audit_progress (one INTEGER PRIMARY KEY CHECK (one = 1), acked_seq INTEGER NOT NULL) STRICT;
      INSERT INTO sync_audit_progress (one, acked_seq) VALUES (1, 0);
      CREATE TABLE sync_problems (
        id INTEGER PRIMARY KEY,
        log TEXT NOT NULL CHECK (log IN ('entries', 'audit')),
        kind TEXT NOT NULL,
        from_seq INTEGER NOT NULL,
        to_seq INTEGER NOT NULL,
        entry_id TEXT,
        detail TEXT NOT NULL,
        reported_at TEXT NOT NULL,
        acknowledged_at TEXT,
        acknowledged_by TEXT
      ) STRICT;
      CREATE INDEX sync_problems_open ON sync_problems (acknowledged_at);
      CREATE TABLE sync_chain_restarts (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        reason TEXT NOT NULL,
        reported_at TEXT               -- when the registry was told (at enrolment)
      ) STRICT;
      ALTER TABLE entries ADD COLUMN idempotency_key TEXT;
      CREATE UNIQUE INDEX entries_by_idempotency_key ON entries (idempotency_key) WHERE idempotency_key IS NOT NULL;
      DROP TRIGGER audit_log_no_update;
    `);
    // Chain what an earlier version wrote, oldest first, as if it had always been chained.
    const rows = db.prepare<[], OldAuditRow>('SELECT seq, at, actor, actor_role, action, subject, detail FROM audit_log ORDER BY seq').all();
    const update = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?');
    let prevHash = GENESIS_HASH;
    for (const r of rows) {
      const detailHash = createHash('sha256').update(r.detail).digest('hex');
      const hash = auditHash(nodeDigest, { seq: r.seq, at: r.at, actor: r.actor, actorRole: r.actor_role, action: r.action, subject: r.subject, detailHash, prevHash });
      update.run(prevHash, hash, r.seq);
      prevHash = hash;
    }
    db.exec(`
      ${APPEND_ONLY_UPDATE_TRIGGER}
      CREATE TRIGGER audit_log_chained BEFORE INSERT ON audit_log
        WHEN NEW.hash IS NULL OR NEW.prev_hash IS NULL
        BEGIN SELECT RAISE(ABORT, 'the audit log is chained: write it with recordAudit()'); END;
    `);
  },
};
