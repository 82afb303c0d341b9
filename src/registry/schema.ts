// Registry schema as an ordered list of versions; each runs once, in one transaction, under an advisory lock
// so several ingest processes starting together against one server do not race.
import type { Database } from './sql.ts';

const MIGRATIONS: string[] = [
  `
  CREATE TABLE compounds (
    compound_id text PRIMARY KEY,
    name text NOT NULL,
    district text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE enrolment_codes (
    code_hash text PRIMARY KEY,
    compound_id text NOT NULL REFERENCES compounds,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at timestamptz,
    kiosk_id text
  );
  CREATE TABLE kiosks (
    kiosk_id text PRIMARY KEY,
    compound_id text NOT NULL REFERENCES compounds,
    name text NOT NULL,
    secret text NOT NULL,
    enrolled_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
  );
  CREATE TABLE kiosk_heads (
    kiosk_id text PRIMARY KEY REFERENCES kiosks,
    last_seq bigint NOT NULL,
    last_hash text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
  );
  -- One partition per gate day, created on demand before insert. The primary key must include the partition
  -- key; the day is part of the hashed entry, so a resent entry always lands on the same (day, id).
  CREATE TABLE entries (
    day date NOT NULL,
    id uuid NOT NULL,
    kiosk_id text NOT NULL,
    compound_id text NOT NULL,
    seq bigint NOT NULL,
    at timestamptz NOT NULL,
    prev_hash text NOT NULL,
    hash text NOT NULL,
    decision text NOT NULL,
    fever boolean NOT NULL,
    reasons text[] NOT NULL,
    payload jsonb NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (day, id)
  ) PARTITION BY RANGE (day);
  CREATE INDEX entries_kiosk_seq ON entries (kiosk_id, seq);
  CREATE TABLE chain_problems (
    problem_id bigserial PRIMARY KEY,
    kiosk_id text NOT NULL,
    kind text NOT NULL,
    from_seq bigint NOT NULL,
    to_seq bigint NOT NULL,
    entry_id text,
    detail text NOT NULL,
    detected_at timestamptz NOT NULL DEFAULT now(),
    resolved_at timestamptz
  );
  CREATE INDEX chain_problems_kiosk ON chain_problems (kiosk_id, kind, from_seq);
  CREATE TABLE auth_failures (
    failure_id bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    remote text,
    kiosk_id text,
    method text NOT NULL,
    path text NOT NULL,
    reason text NOT NULL
  );
  CREATE TABLE downlink (
    kind text PRIMARY KEY,
    version integer NOT NULL,
    content jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE daily_reports (
    kiosk_id text NOT NULL REFERENCES kiosks,
    day date NOT NULL,
    compound_id text NOT NULL,
    report jsonb NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kiosk_id, day)
  );
  `,
  // Version 2 (issues 12.4, 14.4): each kiosk's audit log as a hash chain (the detail only as its digest), which of
  // a kiosk's chains a problem is in, and kiosks that started over from an empty database.
  `
  CREATE TABLE audit_records (
    kiosk_id text NOT NULL REFERENCES kiosks,
    seq bigint NOT NULL,
    at timestamptz NOT NULL,
    actor text NOT NULL,
    actor_role text,
    action text NOT NULL,
    subject text,
    detail_hash text NOT NULL,
    prev_hash text NOT NULL,
    hash text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kiosk_id, seq)
  );
  CREATE TABLE audit_heads (
    kiosk_id text PRIMARY KEY REFERENCES kiosks,
    last_seq bigint NOT NULL,
    last_hash text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
  );
  ALTER TABLE chain_problems ADD COLUMN log text NOT NULL DEFAULT 'entries';
  CREATE TABLE chain_restarts (
    restart_id bigserial PRIMARY KEY,
    kiosk_id text NOT NULL REFERENCES kiosks,
    compound_id text NOT NULL,
    restarted_at timestamptz NOT NULL,
    reason text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
  );
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
const LOCK_KEY = 7_107_001;

export async function migrate(db: Database): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await tx.exec('CREATE TABLE IF NOT EXISTS registry_schema (version integer NOT NULL)');
    const rows = await tx.query<{ version: number }>('SELECT version FROM registry_schema');
    let version = rows[0]?.version ?? 0;
    if (rows.length === 0) await tx.query('INSERT INTO registry_schema (version) VALUES (0)');
    if (version > SCHEMA_VERSION) {
      throw new Error(`The registry database is at schema version ${version}, newer than this program (${SCHEMA_VERSION}). Upgrade the registry program.`);
    }
    for (; version < SCHEMA_VERSION; version++) await tx.exec(MIGRATIONS[version]!);
    await tx.query('UPDATE registry_schema SET version = $1', [version]);
    return version;
  });
}

/** SQL fragment rendering a timestamptz as an ISO string, identical on both engines. */
export function isoSql(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}
