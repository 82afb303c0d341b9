// The append-only audit log: who signed in, exported, revealed an identifier, changed the policy, overrode the gate
// or purged entries. Migration 003's triggers refuse UPDATE and DELETE on the table, so nothing here can edit it; since
// migration 007 each record commits to the one before it (a hash chain checked at start and uploaded to the registry),
// so a row deleted or changed with the triggers dropped is found.
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
import { createHash } from 'node:crypto';
import type { AuditRecord, Role } from '../../../common/contract/console.ts';
import { auditHash, checkAuditChain, type AuditChainProblem, type WireAuditRecord } from '../../../common/wire/audit-chain.ts';
import { GENESIS_HASH } from '../../../common/wire/schemas.ts';
import { nodeDigest } from '../node-digest.ts';

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

const chainStatements = new WeakMap<Db, ReturnType<typeof prepareChain>>();

function prepareChain(db: Db) {
  return {
    // The next seq follows the highest ever given (sqlite_sequence), so a deleted last row shows as a gap.
    last: db.prepare<[], { seq: number | null; hash: string | null }>(
      "SELECT (SELECT seq FROM sqlite_sequence WHERE name = 'audit_log') AS seq, (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1) AS hash",
    ),
    insert: db.prepare('INSERT INTO audit_log (seq, at, at_ms, actor, actor_role, action, subject, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
  };
}

function chain(db: Db) {
  let s = chainStatements.get(db);
  if (!s) chainStatements.set(db, (s = prepareChain(db)));
  return s;
}

export const detailHash = (detail: string): string => createHash('sha256').update(detail).digest('hex');

export function recordAudit(db: Db, input: AuditInput, now: Date = new Date()): number {
  const s = chain(db);
  return db.transaction(() => {
    const last = s.last.get()!;
    const seq = (last.seq ?? 0) + 1;
    const prevHash = last.hash ?? GENESIS_HASH;
    const at = now.toISOString();
    const detail = JSON.stringify(input.detail ?? {});
    const subject = input.subject ?? null;
    const hash = auditHash(nodeDigest, { seq, at, actor: input.actor.name, actorRole: input.actor.role, action: input.action, subject, detailHash: detailHash(detail), prevHash });
    s.insert.run(seq, at, now.getTime(), input.actor.name, input.actor.role, input.action, subject, detail, prevHash, hash);
    return seq;
  })();
}

interface ChainRow {
  seq: number;
  at: string;
  actor: string;
  actor_role: string | null;
  action: string;
  subject: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

function toWire(r: ChainRow): WireAuditRecord {
  return { seq: r.seq, at: r.at, actor: r.actor, actorRole: r.actor_role, action: r.action, subject: r.subject, detailHash: detailHash(r.detail), prevHash: r.prev_hash, hash: r.hash };
}

/** The records after a seq, oldest first, as the registry receives them (the detail only as its digest). */
export function auditRecordsAfter(db: Db, afterSeq: number, limit: number): WireAuditRecord[] {
  return db
    .prepare<[number, number], ChainRow>('SELECT seq, at, actor, actor_role, action, subject, detail, prev_hash, hash FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?')
    .all(afterSeq, limit)
    .map(toWire);
}

/** Walks the whole chain (at start): every deleted, altered or unlinked record is named. */
export function checkAuditLog(db: Db): { problems: AuditChainProblem[]; records: number } {
  const rows = db.prepare<[], ChainRow>('SELECT seq, at, actor, actor_role, action, subject, detail, prev_hash, hash FROM audit_log ORDER BY seq').iterate();
  let records = 0;
  const wire = function* () {
    for (const r of rows) {
      records += 1;
      yield toWire(r);
    }
  };
  const { problems, head } = checkAuditChain(nodeDigest, wire());
  // A deleted last record leaves no row to disagree with: the sequence SQLite keeps still remembers it.
  const given = db.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").get()?.seq ?? 0;
  if (given > head.seq) problems.push({ kind: 'gap', fromSeq: head.seq + 1, toSeq: given, detail: `audit records ${head.seq + 1}..${given} are missing (the last ones)` });
  return { problems, records };
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
