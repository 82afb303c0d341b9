// Reads a kiosk's database from outside (with its key, read-only) and checks what a crash must never break: every
// entry chained once in the outbox (seq 1..N without gaps, each hash over its content and its predecessor, the head
// at the last one), the audit log's chain, and which idempotency keys the rows carry.
import { hashMatches } from '../../src/common/wire/chain.ts';
import { GENESIS_HASH, type WireEntry } from '../../src/common/wire/schemas.ts';
import { nodeDigest } from '../../src/kiosk/platform/node-digest.ts';
import { checkAuditLog } from '../../src/kiosk/platform/audit/audit-log.ts';
import { openKioskDb } from './kiosk-db.ts';

export interface KioskLog {
  entries: number;
  /** Row ids by idempotency key (rows without one are counted in `withoutKey`). */
  byKey: Map<string, string[]>;
  withoutKey: number;
  /** Everything wrong with the entry chain and the audit chain; empty when both verify. */
  problems: string[];
}

/** What a registry confirmed has left the outbox, so the chain checked here starts after sync_progress.acked_seq. */
export function readKioskLog(dataDir: string): KioskLog {
  const db = openKioskDb(dataDir, { readonly: true });
  try {
    const problems: string[] = [];
    const rows = db.prepare<[], { id: string; idempotency_key: string | null }>('SELECT id, idempotency_key FROM entries').all();
    const byKey = new Map<string, string[]>();
    let withoutKey = 0;
    for (const row of rows) {
      if (row.idempotency_key === null) withoutKey += 1;
      else byKey.set(row.idempotency_key, [...(byKey.get(row.idempotency_key) ?? []), row.id]);
    }
    const acked = db.prepare<[], { acked_seq: number }>('SELECT acked_seq FROM sync_progress WHERE one = 1').get()?.acked_seq ?? 0;
    const outbox = db.prepare<[], { seq: number; id: string; payload: string }>('SELECT seq, id, payload FROM sync_outbox ORDER BY seq').all();
    const head = db.prepare<[], { last_seq: number; last_hash: string }>('SELECT last_seq, last_hash FROM sync_chain WHERE one = 1').get()!;
    let prev: WireEntry | null = null;
    for (const row of outbox) {
      const wire = JSON.parse(row.payload) as WireEntry;
      if (wire.seq !== row.seq || wire.id !== row.id) problems.push(`outbox row ${row.seq} carries entry seq ${wire.seq} id ${wire.id}`);
      if (!hashMatches(nodeDigest, wire)) problems.push(`entry seq ${wire.seq}: hash does not match its content`);
      if (prev && wire.seq !== prev.seq + 1) problems.push(`entries seq ${prev.seq + 1}..${wire.seq - 1} missing from the chain`);
      if (prev && wire.prevHash !== prev.hash) problems.push(`entry seq ${wire.seq}: prevHash is not entry ${prev.seq}'s hash`);
      if (!prev && acked === 0 && (wire.seq !== 1 || wire.prevHash !== GENESIS_HASH)) problems.push(`the chain starts at seq ${wire.seq}, not at seq 1 after the genesis hash`);
      prev = wire;
    }
    if (prev && (head.last_seq !== prev.seq || head.last_hash !== prev.hash)) problems.push(`chain head ${head.last_seq} is not the last queued entry ${prev.seq}`);
    if (!prev && head.last_seq !== acked) problems.push(`chain head ${head.last_seq} but nothing queued after ${acked}`);
    // Without a registry nothing leaves the outbox: each entry row has exactly its one chained copy.
    if (acked === 0) {
      const unchained = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM entries WHERE id NOT IN (SELECT id FROM sync_outbox)').get()!.n;
      if (unchained > 0) problems.push(`${unchained} entries are not in the chain`);
      if (outbox.length !== rows.length) problems.push(`${outbox.length} chained entries for ${rows.length} rows`);
    }
    for (const p of checkAuditLog(db).problems) problems.push(`audit log: ${p.detail}`);
    return { entries: rows.length, byKey, withoutKey, problems };
  } finally {
    db.close();
  }
}
