// Alerts waiting to go up: each raised in the same transaction as what caused it (and written to the audit log, the
// kiosk's ordinary log of events), kept until the registry confirms it holds that id, never sent as a new alert twice.
import { createHash, randomUUID } from 'node:crypto';
import type { KioskAlertState } from '../../../common/contract/methods/alerts.ts';
import { KioskAlert, type AlertKind } from '../../../common/wire/alerts.ts';
import { SYSTEM_ACTOR, type Audit } from '../../platform/audit/audit-log.ts';
import type { Db } from '../../platform/store/open-store.ts';

export interface AlertInput {
  kind: AlertKind;
  summary: string;
  detail?: KioskAlert['detail'];
  /** A stable key for alerts that must be raised once only (a chain restart seen at every start). */
  once?: string;
}

/** A UUID (version 8) from a key: the same alert raised twice is one row. */
function stableId(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

export function createAlertOutbox(db: Db, audit: Audit, now: () => Date) {
  const insert = db.prepare('INSERT OR IGNORE INTO alert_outbox (id, kind, payload, created_at) VALUES (?, ?, ?, ?)');
  const waiting = db.prepare<[number], { payload: string }>('SELECT payload FROM alert_outbox WHERE delivered_at IS NULL ORDER BY created_at, id LIMIT ?');
  const delivered = db.prepare('UPDATE alert_outbox SET delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ? AND delivered_at IS NULL');
  const failed = db.prepare('UPDATE alert_outbox SET attempts = attempts + 1, last_error = ? WHERE id = ? AND delivered_at IS NULL');
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM alert_outbox WHERE delivered_at IS NULL');

  return {
    /** Records the alert (and its audit line); returns it, or null when a `once` alert was already raised. */
    raise(input: AlertInput): KioskAlert | null {
      const at = now();
      const alert = KioskAlert.parse({
        id: input.once ? stableId(`${input.kind}\n${input.once}`) : randomUUID(),
        kind: input.kind,
        at: at.toISOString(),
        summary: input.summary.slice(0, 200),
        detail: input.detail ?? {},
      });
      return db.transaction(() => {
        if (insert.run(alert.id, alert.kind, JSON.stringify(alert), at.toISOString()).changes === 0) return null;
        audit({ actor: SYSTEM_ACTOR, action: 'alert', subject: alert.kind, detail: { id: alert.id, summary: alert.summary, ...alert.detail } });
        return alert;
      })();
    },
    waiting: (limit: number): KioskAlert[] => waiting.all(limit).map((r) => JSON.parse(r.payload) as KioskAlert),
    waitingCount: () => count.get()!.n,
    delivered(ids: string[]): void {
      const at = now().toISOString();
      db.transaction(() => ids.forEach((id) => delivered.run(at, id)))();
    },
    failed(ids: string[], error: string): void {
      db.transaction(() => ids.forEach((id) => failed.run(error.slice(0, 300), id)))();
    },
    list(limit: number): KioskAlertState[] {
      return db
        .prepare<[number], { id: string; kind: string; payload: string; delivered_at: string | null; attempts: number; last_error: string | null }>(
          'SELECT id, kind, payload, delivered_at, attempts, last_error FROM alert_outbox ORDER BY created_at DESC, id LIMIT ?',
        )
        .all(limit)
        .map((r) => {
          const a = JSON.parse(r.payload) as KioskAlert;
          return { id: r.id, kind: r.kind, at: a.at, summary: a.summary, delivered: r.delivered_at !== null, deliveredAt: r.delivered_at, attempts: r.attempts, lastError: r.last_error };
        });
    },
  };
}
export type AlertOutbox = ReturnType<typeof createAlertOutbox>;
