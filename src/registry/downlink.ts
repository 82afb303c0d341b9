// Versioned documents for the kiosks: policy defaults, the health-code signer trust list, revoked resident cards.
import { RevokedCards, type DownlinkDoc, type DownlinkKind } from '../common/wire/schemas.ts';
import { isoSql } from './schema.ts';
import type { Database } from './sql.ts';

const EMPTY: Record<DownlinkKind, unknown> = { policy: {}, 'trust-list': { signers: [] }, 'revoked-cards': { cardIds: [] } };

export async function getDownlink(db: Database, kind: DownlinkKind): Promise<DownlinkDoc> {
  const [row] = await db.query<{ version: number; content: unknown; updated_at: string }>(
    `SELECT version, content, ${isoSql('updated_at')} AS updated_at FROM downlink WHERE kind = $1`,
    [kind],
  );
  return row ? { kind, version: row.version, updatedAt: row.updated_at, content: row.content } : { kind, version: 0, updatedAt: null, content: EMPTY[kind] };
}

/** Replaces a document and bumps its version; throws a message for content of the wrong shape. */
export async function setDownlink(db: Database, kind: DownlinkKind, content: unknown): Promise<DownlinkDoc> {
  if (kind === 'revoked-cards') RevokedCards.parse(content);
  else if (content === null || typeof content !== 'object' || Array.isArray(content)) throw new Error(`${kind} must be a JSON object`);
  await db.query(
    `INSERT INTO downlink (kind, version, content) VALUES ($1, 1, $2::jsonb)
     ON CONFLICT (kind) DO UPDATE SET version = downlink.version + 1, content = EXCLUDED.content, updated_at = now()`,
    [kind, JSON.stringify(content)],
  );
  return getDownlink(db, kind);
}
