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
  // 3 (issues 12.3, 12.14-12.16, 17): the district's keys, staff sign-in, throttling by source, alerts, watch lists, the live view's summaries
  // (kept at ingest, in the batch's own transaction) and one partition for entries dated outside the window.
  `
  CREATE TABLE registry_secrets (
    name text PRIMARY KEY,
    value text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  -- Entries whose day is outside the window around the registry's clock: kept (nothing acknowledged is lost) and
  -- flagged, in one table instead of one partition per arbitrary day.
  CREATE TABLE entries_out_of_window PARTITION OF entries DEFAULT;
  ALTER TABLE compounds ADD COLUMN last_entry_at timestamptz;
  ALTER TABLE kiosks ADD COLUMN last_seen_at timestamptz;
  CREATE TABLE compound_days (
    day date NOT NULL,
    compound_id text NOT NULL,
    entries integer NOT NULL,
    refusals integer NOT NULL,
    fevers integer NOT NULL,
    watch_hits integer NOT NULL,
    last_at timestamptz,
    PRIMARY KEY (day, compound_id)
  );
  CREATE TABLE compound_hours (
    day date NOT NULL,
    compound_id text NOT NULL,
    hour smallint NOT NULL,
    entries integer NOT NULL,
    refusals integer NOT NULL,
    fevers integer NOT NULL,
    watch_hits integer NOT NULL,
    PRIMARY KEY (day, compound_id, hour)
  );
  -- Which compounds are usually busy at an hour: the same hour over the past days.
  CREATE INDEX compound_hours_by_hour ON compound_hours (hour, day);
  -- Ten-minute slots, for "entries in the last hour"; purged after two days.
  CREATE TABLE compound_slots (
    slot timestamptz NOT NULL,
    compound_id text NOT NULL,
    entries integer NOT NULL,
    PRIMARY KEY (slot, compound_id)
  );
  CREATE TABLE compound_reasons (
    day date NOT NULL,
    compound_id text NOT NULL,
    reason text NOT NULL,
    n integer NOT NULL,
    PRIMARY KEY (day, compound_id, reason)
  );
  CREATE TABLE alerts (
    alert_id uuid PRIMARY KEY,
    source text NOT NULL,
    kiosk_id text,
    compound_id text,
    kind text NOT NULL,
    at timestamptz NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    summary text NOT NULL,
    detail jsonb NOT NULL,
    acknowledged_by text,
    acknowledged_at timestamptz,
    ack_note text
  );
  CREATE INDEX alerts_open ON alerts (compound_id) WHERE acknowledged_at IS NULL;
  CREATE INDEX alerts_by_time ON alerts (received_at DESC);
  CREATE TABLE staff_accounts (
    username text PRIMARY KEY,
    display_name text NOT NULL,
    role text NOT NULL CHECK (role IN ('viewer', 'officer', 'admin')),
    password_hash text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    password_changed_at timestamptz NOT NULL DEFAULT now(),
    disabled_at timestamptz
  );
  CREATE TABLE staff_sessions (
    token_hash text PRIMARY KEY,
    username text NOT NULL REFERENCES staff_accounts ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
  );
  CREATE TABLE source_failures (
    bucket text NOT NULL,
    source text NOT NULL,
    failures integer NOT NULL,
    window_start timestamptz NOT NULL,
    blocked_until timestamptz,
    PRIMARY KEY (bucket, source)
  );
  CREATE TABLE watch_lists (
    version integer PRIMARY KEY,
    published_at timestamptz NOT NULL DEFAULT now(),
    published_by text NOT NULL,
    source_name text NOT NULL,
    row_count integer NOT NULL
  );
  -- The plain list stays at the registry (the district made it); kiosks get keyed tokens only.
  CREATE TABLE watch_list_rows (
    version integer NOT NULL REFERENCES watch_lists,
    line integer NOT NULL,
    kind text NOT NULL,
    id_number text,
    household text,
    compound_id text,
    valid_from timestamptz,
    valid_until timestamptz,
    note text,
    PRIMARY KEY (version, line)
  );
  CREATE TABLE district_reports (
    day date PRIMARY KEY,
    generated_at timestamptz NOT NULL,
    content jsonb NOT NULL
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
