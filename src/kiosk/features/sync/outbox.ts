// The kiosk's outbox: entries chained and queued in the same SQLite transaction that records them.
import type Database from 'better-sqlite3';
import type { Entry } from '../../../common/contract/entries.ts';
import { chainEntry } from '../../../common/wire/chain.ts';
import { nodeDigest } from '../../platform/node-digest.ts';
import { toEntryFields } from './entry-fields.ts';
import type { EntryFields, WireEntry } from '../../../common/wire/schemas.ts';

type Db = Database.Database;

const statements = new WeakMap<Db, ReturnType<typeof prepare>>();

function prepare(db: Db) {
  return {
    head: db.prepare<[], { last_seq: number; last_hash: string }>('SELECT last_seq, last_hash FROM sync_chain WHERE one = 1'),
    insert: db.prepare('INSERT INTO sync_outbox (seq, id, at_ms, payload, enqueued_at) VALUES (?, ?, ?, ?, ?)'),
    advance: db.prepare('UPDATE sync_chain SET last_seq = ?, last_hash = ? WHERE one = 1'),
  };
}

function stmts(db: Db) {
  let s = statements.get(db);
  if (!s) statements.set(db, (s = prepare(db)));
  return s;
}

/**
 * Chains the entry after the kiosk's previous one and queues it for upload. Call it inside the transaction that
 * inserts the entry (better-sqlite3 transactions nest as savepoints, so calling it alone is also atomic).
 */
export function enqueueFields(db: Db, fields: EntryFields, nowMs = Date.now()): WireEntry {
  const s = stmts(db);
  return db.transaction(() => {
    const head = s.head.get();
    if (!head) throw new Error('sync tables missing: the kiosk database was not migrated to version 2');
    const wire = chainEntry(nodeDigest, fields, head.last_seq + 1, head.last_hash);
    s.insert.run(wire.seq, wire.id, Date.parse(wire.at), JSON.stringify(wire), new Date(nowMs).toISOString());
    s.advance.run(wire.seq, wire.hash);
    return wire;
  })();
}

/** The entry repository's hook: `entries.insert(entry, (db) => enqueueEntry(db, entry, timeZone))`. */
export function enqueueEntry(db: Db, entry: Entry, timeZone: string): WireEntry {
  return enqueueFields(db, toEntryFields(entry, timeZone));
}

export interface OutboxRow {
  seq: number;
  id: string;
  payload: string;
}

export function nextBatch(db: Db, limit: number): WireEntry[] {
  return db
    .prepare<[number], OutboxRow>('SELECT seq, id, payload FROM sync_outbox ORDER BY seq LIMIT ?')
    .all(limit)
    .map((r) => JSON.parse(r.payload) as WireEntry);
}

export interface OutboxCounts {
  waiting: number;
  oldestWaitingAt: string | null;
  lastSeq: number;
}

const countStatements = new WeakMap<Db, Database.Statement<[], { n: number; lastSeq: number; oldest: number | null }>>();

/** Read after every recorded entry, so prepared once per database. Neither part reads the outbox's rows: the size is
 * kept by triggers in the chain's row (migration 013), and the oldest waiting is the first in chain order (the one
 * enqueued first, found through the seq key). */
function countStatement(db: Db) {
  let statement = countStatements.get(db);
  if (!statement) {
    statement = db.prepare('SELECT waiting AS n, last_seq AS lastSeq, (SELECT at_ms FROM sync_outbox ORDER BY seq LIMIT 1) AS oldest FROM sync_chain WHERE one = 1');
    countStatements.set(db, statement);
  }
  return statement;
}

export function outboxCounts(db: Db): OutboxCounts {
  const row = countStatement(db).get()!;
  return { waiting: row.n, oldestWaitingAt: row.oldest === null ? null : new Date(row.oldest).toISOString(), lastSeq: row.lastSeq };
}

/** Removes what the registry confirmed; conflicts move aside with the reason so they are never resent nor lost. */
export function acknowledge(db: Db, sent: WireEntry[], accepted: Set<string>, conflicts: Set<string>, nowMs: number): void {
  // By the chain position (the outbox's key); the id must agree, so a wire entry never removes another's row.
  const remove = db.prepare('DELETE FROM sync_outbox WHERE seq = ? AND id = ?');
  const reject = db.prepare('INSERT OR REPLACE INTO sync_rejected (seq, id, payload, reason, at) VALUES (?, ?, ?, ?, ?)');
  const progress = db.prepare(
    'UPDATE sync_progress SET acked_seq = max(acked_seq, ?), acked_at = ?, last_entry_at = CASE WHEN last_entry_at IS NULL OR last_entry_at < ? THEN ? ELSE last_entry_at END WHERE one = 1',
  );
  db.transaction(() => {
    let maxSeq = 0;
    let lastAt = '';
    for (const e of sent) {
      if (conflicts.has(e.id)) reject.run(e.seq, e.id, JSON.stringify(e), 'the registry holds a different entry with this id', new Date(nowMs).toISOString());
      else if (!accepted.has(e.id)) continue;
      remove.run(e.seq, e.id);
      maxSeq = Math.max(maxSeq, e.seq);
      const at = new Date(e.at).toISOString();
      if (at > lastAt) lastAt = at;
    }
    if (maxSeq > 0) progress.run(maxSeq, new Date(nowMs).toISOString(), lastAt, lastAt);
  })();
}
