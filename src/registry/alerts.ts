// Alerts at the registry: what kiosks send at once (kept exactly once by the kiosk's own id) and what the registry
// itself notices (entries dated outside the window, a chain starting over); staff acknowledge each, by name.
import { randomUUID } from 'node:crypto';
import type { KioskAlert } from '../common/wire/alerts.ts';
import type { KioskIdentity } from './kiosk-identity.ts';
import { isoSql } from './schema.ts';
import type { Database, Sql } from './sql.ts';

export interface StoredAlert {
  id: string;
  source: 'kiosk' | 'registry';
  kioskId: string | null;
  compoundId: string | null;
  compoundName: string | null;
  kind: string;
  at: string;
  receivedAt: string;
  summary: string;
  detail: Record<string, unknown>;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  note: string | null;
}

/** Stores what is new and answers every id the registry holds, so the kiosk stops resending them. */
export async function receiveAlerts(db: Database, kiosk: KioskIdentity, alerts: KioskAlert[]): Promise<string[]> {
  await db.query(
    `INSERT INTO alerts (alert_id, source, kiosk_id, compound_id, kind, at, summary, detail)
     SELECT id, 'kiosk', $2, $3, kind, at, summary, detail FROM jsonb_to_recordset($1::jsonb) AS a(id uuid, kind text, at timestamptz, summary text, detail jsonb)
     ON CONFLICT (alert_id) DO NOTHING`,
    [JSON.stringify(alerts), kiosk.kioskId, kiosk.compoundId],
  );
  const held = await db.query<{ id: string }>(
    `SELECT alert_id::text AS id FROM alerts WHERE alert_id = ANY($1::uuid[]) AND kiosk_id = $2`,
    [alerts.map((a) => a.id), kiosk.kioskId],
  );
  return held.map((r) => r.id);
}

/** An alert the registry raises itself; one open alert of a kind per kiosk is enough (later ones add to its count). */
export async function raiseRegistryAlert(tx: Sql, kiosk: KioskIdentity, kind: string, summary: string, detail: Record<string, unknown>, atMs: number): Promise<void> {
  const open = await tx.query<{ id: string }>(
    `SELECT alert_id::text AS id FROM alerts WHERE source = 'registry' AND kiosk_id = $1 AND kind = $2 AND acknowledged_at IS NULL LIMIT 1`,
    [kiosk.kioskId, kind],
  );
  if (open[0]) {
    await tx.query(`UPDATE alerts SET detail = jsonb_set(detail, '{times}', to_jsonb(coalesce((detail->>'times')::int, 1) + 1)) WHERE alert_id = $1`, [open[0].id]);
    return;
  }
  await tx.query(`INSERT INTO alerts (alert_id, source, kiosk_id, compound_id, kind, at, summary, detail) VALUES ($1, 'registry', $2, $3, $4, $5, $6, $7::jsonb)`, [
    randomUUID(),
    kiosk.kioskId,
    kiosk.compoundId,
    kind,
    new Date(atMs).toISOString(),
    summary,
    JSON.stringify({ ...detail, times: 1 }),
  ]);
}

const SELECT = `SELECT a.alert_id::text AS id, a.source, a.kiosk_id AS "kioskId", a.compound_id AS "compoundId", c.name AS "compoundName", a.kind,
  ${isoSql('a.at')} AS at, ${isoSql('a.received_at')} AS "receivedAt", a.summary, a.detail, a.acknowledged_by AS "acknowledgedBy",
  ${isoSql('a.acknowledged_at')} AS "acknowledgedAt", a.ack_note AS note
  FROM alerts a LEFT JOIN compounds c ON c.compound_id = a.compound_id`;

export async function listAlerts(db: Database, options: { open?: boolean; compoundId?: string; limit?: number }): Promise<StoredAlert[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (options.open) where.push('a.acknowledged_at IS NULL');
  if (options.compoundId) where.push(`a.compound_id = $${params.push(options.compoundId)}`);
  params.push(Math.min(options.limit ?? 200, 1000));
  return db.query<StoredAlert>(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.received_at DESC, a.at DESC LIMIT $${params.length}`, params);
}

/** Records who acknowledged and when; false when the alert is unknown or was already acknowledged. */
export async function acknowledgeAlert(db: Database, id: string, by: string, note: string | null, atMs: number): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
  const rows = await db.query('UPDATE alerts SET acknowledged_by = $2, acknowledged_at = $3, ack_note = $4 WHERE alert_id = $1 AND acknowledged_at IS NULL RETURNING alert_id', [
    id,
    by,
    new Date(atMs).toISOString(),
    note,
  ]);
  return rows.length === 1;
}
