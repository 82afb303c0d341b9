// What the kiosk keeps about its link to the registry: credentials from enrolment and the downlinked documents.
import type Database from 'better-sqlite3';
import type { DownlinkDoc, DownlinkKind } from '../../../common/wire/schemas.ts';

type Db = Database.Database;

export interface StoredCredentials {
  registryUrl: string;
  kioskId: string;
  secret: string;
  compoundId: string;
  district: string;
  enrolledAt: string;
}

export function readCredentials(db: Db): StoredCredentials | null {
  const row = db
    .prepare<[], StoredCredentials>(
      'SELECT registry_url AS registryUrl, kiosk_id AS kioskId, secret, compound_id AS compoundId, district, enrolled_at AS enrolledAt FROM sync_credentials WHERE one = 1',
    )
    .get();
  return row ?? null;
}

export function saveCredentials(db: Db, c: StoredCredentials): void {
  db.prepare(
    `INSERT INTO sync_credentials (one, registry_url, kiosk_id, secret, compound_id, district, enrolled_at) VALUES (1, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (one) DO UPDATE SET registry_url = excluded.registry_url, kiosk_id = excluded.kiosk_id, secret = excluded.secret,
       compound_id = excluded.compound_id, district = excluded.district, enrolled_at = excluded.enrolled_at`,
  ).run(c.registryUrl, c.kioskId, c.secret, c.compoundId, c.district, c.enrolledAt);
}

export interface LocalDownlink {
  kind: DownlinkKind;
  version: number;
  content: unknown;
  /** When the district published this version (null for the built-in empty version 0). */
  updatedAt: string | null;
  /** When the registry last confirmed it is current: the age to show on screen. */
  checkedAt: string;
}

export function readDownlink(db: Db, kind: DownlinkKind): LocalDownlink | null {
  const row = db
    .prepare<[string], { version: number; content: string; updated_at: string | null; checked_at: string }>(
      'SELECT version, content, updated_at, checked_at FROM sync_downlink WHERE kind = ?',
    )
    .get(kind);
  return row ? { kind, version: row.version, content: JSON.parse(row.content), updatedAt: row.updated_at, checkedAt: row.checked_at } : null;
}

/** Applies all fetched documents in one transaction: a kiosk never runs a new policy with an old trust list. */
export function applyDownlink(db: Db, docs: DownlinkDoc[], nowMs: number): DownlinkKind[] {
  const checkedAt = new Date(nowMs).toISOString();
  const current = db.prepare<[string], { version: number }>('SELECT version FROM sync_downlink WHERE kind = ?');
  const upsert = db.prepare(
    `INSERT INTO sync_downlink (kind, version, content, updated_at, checked_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (kind) DO UPDATE SET version = excluded.version, content = excluded.content, updated_at = excluded.updated_at, checked_at = excluded.checked_at`,
  );
  const touch = db.prepare('UPDATE sync_downlink SET checked_at = ? WHERE kind = ?');
  return db.transaction(() => {
    const changed: DownlinkKind[] = [];
    for (const doc of docs) {
      const have = current.get(doc.kind)?.version;
      if (have === undefined || doc.version > have) {
        upsert.run(doc.kind, doc.version, JSON.stringify(doc.content ?? null), doc.updatedAt, checkedAt);
        changed.push(doc.kind);
      } else touch.run(checkedAt, doc.kind);
    }
    return changed;
  })();
}
