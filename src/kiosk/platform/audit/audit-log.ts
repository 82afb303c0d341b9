// The append-only audit log: who signed in, exported, revealed an identifier, changed the policy, overrode the gate
// or purged entries. Migration 003's triggers refuse UPDATE and DELETE on the table, so nothing here can edit it.
//
// API (small on purpose; the gate-rules and sync code call it too):
//   recordAudit(db, { actor, action, subject?, detail? }, now?)  -> seq      append one record (inside your transaction
//                                                                          if you have one, so the action and its record
//                                                                          commit together)
//   actorOf(user | undefined)                                   -> Actor    the actor for a signed-in user or the kiosk
//   listAudit(db, { fromMs?, toMs?, action?, actor?, beforeSeq?, limit }) -> AuditRecord[] (newest first)
// Actions in use: sign-in, sign-in-failed, sign-out, account-locked, account-created, account-changed, account-unlocked,
// export, reveal, policy-change, override, purge, setup, roster-import, device-settings, print-cards.
import type Database from 'better-sqlite3';
import type { AuditRecord, Role } from '../../../common/contract/console.ts';

type Db = Database.Database;

export interface Actor {
  /** Username, or 'kiosk' (the gate screen without sign-in) or 'system' (scheduled work such as retention). */
  name: string;
  role: Role | null;
}

export interface AuditInput {
  actor: Actor;
  action: string;
  subject?: string | null;
  detail?: Record<string, unknown>;
}

export const KIOSK_ACTOR: Actor = { name: 'kiosk', role: null };
export const SYSTEM_ACTOR: Actor = { name: 'system', role: null };

export function actorOf(user: { username: string; role: Role } | undefined | null): Actor {
  return user ? { name: user.username, role: user.role } : KIOSK_ACTOR;
}

export function recordAudit(db: Db, input: AuditInput, now: Date = new Date()): number {
  const result = db
    .prepare('INSERT INTO audit_log (at, at_ms, actor, actor_role, action, subject, detail) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(now.toISOString(), now.getTime(), input.actor.name, input.actor.role, input.action, input.subject ?? null, JSON.stringify(input.detail ?? {}));
  return Number(result.lastInsertRowid);
}

/** Appends one audit record at the current time: what services are given, so they need neither the database nor a clock. */
export type Audit = (input: AuditInput) => void;

export function auditTrail(db: Db, now: () => Date): Audit {
  return (input) => void recordAudit(db, input, now());
}

export interface AuditQuery {
  fromMs?: number;
  toMs?: number;
  action?: string;
  actor?: string;
  beforeSeq?: number;
  limit: number;
}

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  actor_role: string | null;
  action: string;
  subject: string | null;
  detail: string;
}

export function listAudit(db: Db, query: AuditQuery): AuditRecord[] {
  const where: string[] = [];
  const params: Array<string | number> = [];
  if (query.fromMs !== undefined) where.push('at_ms >= ?'), params.push(query.fromMs);
  if (query.toMs !== undefined) where.push('at_ms < ?'), params.push(query.toMs);
  if (query.action) where.push('action = ?'), params.push(query.action);
  if (query.actor) where.push('actor = ?'), params.push(query.actor);
  if (query.beforeSeq !== undefined) where.push('seq < ?'), params.push(query.beforeSeq);
  const sql = `SELECT seq, at, actor, actor_role, action, subject, detail FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
  return db
    .prepare<unknown[], AuditRow>(sql)
    .all(...params, query.limit)
    .map((r) => ({ seq: r.seq, at: r.at, actor: r.actor, actorRole: r.actor_role, action: r.action, subject: r.subject, detail: JSON.parse(r.detail) as Record<string, unknown> }));
}
