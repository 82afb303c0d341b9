// What the kiosk keeps about its link to the registry: credentials from enrolment (with the district key and the
// compound's watch-list key it pins) and the downlinked documents, each applied only after its signature was checked.
import type Database from 'better-sqlite3';
import { prepared } from '../../platform/store/statements.ts';
import { SignedKind } from '../../../common/wire/signed-documents.ts';
import type { WatchListContent } from '../../../common/wire/watch-list.ts';

type Db = Database.Database;

export interface StoredCredentials {
  registryUrl: string;
  kioskId: string;
  secret: string;
  compoundId: string;
  district: string;
  enrolledAt: string;
  /** Ed25519 public key (SPKI, base64); null for a kiosk enrolled before documents were signed. */
  districtKey: string | null;
  /** HMAC key of this compound's watch-list tokens (hex). */
  watchKey: string | null;
  /** The registry's TLS certificate (SHA-256) pinned at enrolment; config.json's registry.certificateSha256 overrides it. */
  certificateSha256: string | null;
}

export function readCredentials(db: Db): StoredCredentials | null {
  const row = prepared<[], StoredCredentials>(
    db,
    `SELECT registry_url AS registryUrl, kiosk_id AS kioskId, secret, compound_id AS compoundId, district, enrolled_at AS enrolledAt,
              district_key AS districtKey, watch_key AS watchKey, certificate_sha256 AS certificateSha256 FROM sync_credentials WHERE one = 1`,
  ).get();
  return row ?? null;
}

export function saveCredentials(db: Db, c: Omit<StoredCredentials, 'districtKey' | 'watchKey' | 'certificateSha256'> & Partial<Pick<StoredCredentials, 'districtKey' | 'watchKey' | 'certificateSha256'>>): void {
  db.transaction(() => {
    const before = readCredentials(db);
    db.prepare(
      `INSERT INTO sync_credentials (one, registry_url, kiosk_id, secret, compound_id, district, enrolled_at, district_key, watch_key, certificate_sha256)
       VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (one) DO UPDATE SET registry_url = excluded.registry_url, kiosk_id = excluded.kiosk_id, secret = excluded.secret,
         compound_id = excluded.compound_id, district = excluded.district, enrolled_at = excluded.enrolled_at,
         district_key = excluded.district_key, watch_key = excluded.watch_key, certificate_sha256 = excluded.certificate_sha256`,
    ).run(c.registryUrl, c.kioskId, c.secret, c.compoundId, c.district, c.enrolledAt, c.districtKey ?? null, c.watchKey ?? null, c.certificateSha256 ?? null);
    // Another district or compound: every token under the old watch key and every document signed by the old
    // district key mean nothing now.
    if (before && (before.watchKey !== (c.watchKey ?? null) || before.districtKey !== (c.districtKey ?? null))) {
      db.exec(`DELETE FROM id_watch_tokens; DELETE FROM watch_tokens; DELETE FROM sync_downlink WHERE kind = 'watch-list';`);
    }
  })();
}

export interface LocalDownlink {
  kind: SignedKind;
  version: number;
  content: unknown;
  /** When the district published this version (null for the built-in empty version 0). */
  updatedAt: string | null;
  /** When the registry last confirmed (signed) that it is current: the age to show on screen. */
  checkedAt: string;
}

export function readDownlink(db: Db, kind: SignedKind): LocalDownlink | null {
  const row = prepared<[string], { version: number; content: string; updated_at: string | null; checked_at: string }>(
    db,
    'SELECT version, content, updated_at, checked_at FROM sync_downlink WHERE kind = ?',
  ).get(kind);
  return row ? { kind, version: row.version, content: JSON.parse(row.content), updatedAt: row.updated_at, checkedAt: row.checked_at } : null;
}

/** A held document without its content: what the status badge and a version check need, read without parsing. */
export type DownlinkHead = Pick<LocalDownlink, 'kind' | 'version' | 'checkedAt'>;

export function readDownlinkHead(db: Db, kind: SignedKind): DownlinkHead | null {
  const row = prepared<[string], { version: number; checked_at: string }>(db, 'SELECT version, checked_at FROM sync_downlink WHERE kind = ?').get(kind);
  return row ? { kind, version: row.version, checkedAt: row.checked_at } : null;
}

/** Every held document's head, in SignedKind's order (the status refresh runs after every entry). */
export function readDownlinkHeads(db: Db): DownlinkHead[] {
  const rows = prepared<[], { kind: SignedKind; version: number; checked_at: string }>(db, 'SELECT kind, version, checked_at FROM sync_downlink').all();
  const order = (kind: SignedKind) => SignedKind.options.indexOf(kind);
  return rows
    .filter((r) => order(r.kind) >= 0)
    .sort((a, b) => order(a.kind) - order(b.kind))
    .map((r) => ({ kind: r.kind, version: r.version, checkedAt: r.checked_at }));
}

/** A document whose signature was checked: new content, or the registry's word that the held version is current. */
export type VerifiedDoc =
  | { kind: SignedKind; version: number; updatedAt: string | null; servedAt: string; content: unknown; unchanged?: false }
  | { kind: SignedKind; version: number; servedAt: string; unchanged: true };

/**
 * Applies every verified document in one transaction: a kiosk never runs a new policy with an old trust list, and a
 * watch list's tokens are replaced whole. The watch list's rows go to their own table; its document keeps a count.
 */
export function applyDownlink(db: Db, docs: VerifiedDoc[], nowMs: number): SignedKind[] {
  const current = db.prepare<[string], { version: number }>('SELECT version FROM sync_downlink WHERE kind = ?');
  const upsert = db.prepare(
    `INSERT INTO sync_downlink (kind, version, content, updated_at, checked_at, served_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (kind) DO UPDATE SET version = excluded.version, content = excluded.content, updated_at = excluded.updated_at,
       checked_at = excluded.checked_at, served_at = excluded.served_at`,
  );
  const touch = db.prepare('UPDATE sync_downlink SET checked_at = ?, served_at = ? WHERE kind = ? AND version = ?');
  // The registry's signed time, never later than our own clock: an age is never negative.
  const checkedAt = (servedAt: string) => new Date(Math.min(Date.parse(servedAt), nowMs)).toISOString();
  return db.transaction(() => {
    const changed: SignedKind[] = [];
    for (const doc of docs) {
      const have = current.get(doc.kind)?.version;
      if (doc.unchanged || (have !== undefined && doc.version <= have)) {
        touch.run(checkedAt(doc.servedAt), doc.servedAt, doc.kind, doc.version);
        continue;
      }
      let stored = doc.content ?? null;
      if (doc.kind === 'watch-list') stored = replaceWatchTokens(db, doc.content as WatchListContent);
      upsert.run(doc.kind, doc.version, JSON.stringify(stored), doc.updatedAt, checkedAt(doc.servedAt), doc.servedAt);
      changed.push(doc.kind);
    }
    return changed;
  })();
}

function replaceWatchTokens(db: Db, content: WatchListContent): { tokens: number } {
  db.prepare('DELETE FROM watch_tokens').run();
  const insert = db.prepare('INSERT OR IGNORE INTO watch_tokens (token, kind, ref, valid_from_ms, valid_until_ms) VALUES (?, ?, ?, ?, ?)');
  for (const t of content.tokens) insert.run(t.token, t.kind, t.ref, t.from === null ? null : Date.parse(t.from), t.until === null ? null : Date.parse(t.until));
  return { tokens: content.tokens.length };
}
