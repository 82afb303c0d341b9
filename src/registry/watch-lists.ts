// Watch lists at the registry: each publication is a whole new version (all rows or none), kept with who published
// it; a kiosk receives its compound's tokens of the current version, computed when it asks.
import type { WatchKind, WatchListContent, WatchToken } from '../common/wire/watch-list.ts';
import { householdToken, idToken } from '../common/wire/watch-list.ts';
import { maskIdNumber } from '../common/id-number.ts';
import type { DistrictKeys } from './district-keys.ts';
import { nodeDigest } from './node-digest.ts';
import { isoSql } from './schema.ts';
import type { Database } from './sql.ts';
import type { WatchRow } from './watch-list-file.ts';

export interface WatchListSummary {
  version: number;
  publishedAt: string;
  publishedBy: string;
  sourceName: string;
  rows: number;
  byKind: Partial<Record<WatchKind, number>>;
}

export async function publishWatchList(db: Database, rows: WatchRow[], by: string, sourceName: string): Promise<WatchListSummary> {
  const version = await db.transaction(async (tx) => {
    // One publisher at a time: versions follow each other without gaps or twins.
    await tx.query('LOCK TABLE watch_lists IN EXCLUSIVE MODE');
    const [{ next }] = (await tx.query<{ next: number }>('SELECT coalesce(max(version), 0) + 1 AS next FROM watch_lists')) as [{ next: number }];
    await tx.query('INSERT INTO watch_lists (version, published_by, source_name, row_count) VALUES ($1, $2, $3, $4)', [next, by, sourceName.slice(0, 200), rows.length]);
    await tx.query(
      `INSERT INTO watch_list_rows (version, line, kind, id_number, household, compound_id, valid_from, valid_until, note)
       SELECT $1, line, kind, "idNumber", household, "compoundId", "from", "until", note
       FROM jsonb_to_recordset($2::jsonb) AS r(line int, kind text, "idNumber" text, household text, "compoundId" text, "from" timestamptz, "until" timestamptz, note text)`,
      [next, JSON.stringify(rows)],
    );
    return next;
  });
  return (await watchListSummary(db, version))!;
}

export async function watchListSummary(db: Database, version?: number): Promise<WatchListSummary | null> {
  const [list] = await db.query<{ version: number; published_at: string; published_by: string; source_name: string; row_count: number }>(
    `SELECT version, ${isoSql('published_at')} AS published_at, published_by, source_name, row_count FROM watch_lists
     ${version === undefined ? '' : 'WHERE version = $1'} ORDER BY version DESC LIMIT 1`,
    version === undefined ? [] : [version],
  );
  if (!list) return null;
  const kinds = await db.query<{ kind: WatchKind; n: number }>('SELECT kind, count(*)::int AS n FROM watch_list_rows WHERE version = $1 GROUP BY kind', [list.version]);
  return {
    version: list.version,
    publishedAt: list.published_at,
    publishedBy: list.published_by,
    sourceName: list.source_name,
    rows: list.row_count,
    byKind: Object.fromEntries(kinds.map((k) => [k.kind, k.n])),
  };
}

export interface WatchDocument {
  version: number;
  updatedAt: string | null;
  content: WatchListContent;
}

/**
 * The current version as one compound's tokens: its own households, and the people listed for it or for every
 * compound. When the kiosk already holds the version only the version is looked up.
 */
export async function watchTokensFor(db: Database, keys: DistrictKeys, compoundId: string, have: number | null): Promise<WatchDocument> {
  const summary = await db.query<{ version: number; published_at: string }>(`SELECT version, ${isoSql('published_at')} AS published_at FROM watch_lists ORDER BY version DESC LIMIT 1`);
  const current = summary[0];
  if (!current) return { version: 0, updatedAt: null, content: { tokens: [] } };
  if (have === current.version) return { version: current.version, updatedAt: current.published_at, content: { tokens: [] } };
  const rows = await db.query<{ line: number; kind: WatchKind; id_number: string | null; household: string | null; valid_from: string | null; valid_until: string | null }>(
    `SELECT line, kind, id_number, household, ${isoSql('valid_from')} AS valid_from, ${isoSql('valid_until')} AS valid_until
     FROM watch_list_rows WHERE version = $1 AND (compound_id IS NULL OR compound_id = $2) ORDER BY line`,
    [current.version, compoundId],
  );
  const key = keys.watchKey(compoundId);
  const tokens: WatchToken[] = rows.map((r) => ({
    token: r.id_number !== null ? idToken(nodeDigest, key, r.id_number) : householdToken(nodeDigest, key, r.household!),
    kind: r.kind,
    ref: r.line,
    from: r.valid_from,
    until: r.valid_until,
  }));
  return { version: current.version, updatedAt: current.published_at, content: { tokens } };
}

/** The listed row behind a kiosk's watch-list alert, for the staff view (ID masked). */
export async function watchRowOf(db: Database, version: number, line: number): Promise<{ kind: string; masked: string; note: string | null } | null> {
  const [row] = await db.query<{ kind: string; id_number: string | null; household: string | null; compound_id: string | null; note: string | null }>(
    'SELECT kind, id_number, household, compound_id, note FROM watch_list_rows WHERE version = $1 AND line = $2',
    [version, line],
  );
  if (!row) return null;
  const masked = row.id_number ? maskIdNumber(row.id_number) : `${row.compound_id} ${row.household}`;
  return { kind: row.kind, masked, note: row.note };
}
