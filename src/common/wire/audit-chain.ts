// The audit log's hash chain, shared by the kiosk (which writes and checks it) and the registry (which receives it).
// Each record commits to the one before it; the registry receives the detail only as its digest, so what a manager
// searched or revealed stays at the kiosk while any change to it still breaks the chain.
import { z } from 'zod';
import { canonicalJson } from './canonical-json.ts';
import type { WireDigest } from './digest.ts';
import { ChainProblem, GENESIS_HASH } from './schemas.ts';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex characters (SHA-256)');

export const WireAuditRecord = z.object({
  seq: z.number().int().min(1),
  at: z.iso.datetime({ offset: true }),
  actor: z.string().max(128),
  actorRole: z.string().max(16).nullable(),
  action: z.string().min(1).max(64),
  subject: z.string().max(512).nullable(),
  /** SHA-256 of the detail JSON exactly as the kiosk stored it. */
  detailHash: Hex64,
  prevHash: Hex64,
  hash: Hex64,
});
export type WireAuditRecord = z.infer<typeof WireAuditRecord>;

export const MAX_AUDIT_BATCH = 1000;

export const AuditBatch = z.object({
  records: z
    .array(WireAuditRecord)
    .min(1)
    .max(MAX_AUDIT_BATCH)
    .refine((rs) => new Set(rs.map((r) => r.seq)).size === rs.length, 'sequence numbers must be unique within a batch'),
});
export type AuditBatch = z.infer<typeof AuditBatch>;

export interface AuditContent {
  seq: number;
  at: string;
  actor: string;
  actorRole: string | null;
  action: string;
  subject: string | null;
  detailHash: string;
  prevHash: string;
}

export function auditHash(digest: WireDigest, record: AuditContent): string {
  const { seq, at, actor, actorRole, action, subject, detailHash, prevHash } = record;
  return digest.sha256Hex(canonicalJson({ seq, at, actor, actorRole, action, subject, detailHash, prevHash }));
}

export interface AuditChainProblem {
  kind: 'gap' | 'bad-hash' | 'broken-link';
  fromSeq: number;
  toSeq: number;
  detail: string;
}

/** Walks records in seq order from a known head; every row that breaks the chain is named. */
export function checkAuditChain(digest: WireDigest, records: Iterable<AuditContent & { hash: string }>, head = { seq: 0, hash: GENESIS_HASH }): { problems: AuditChainProblem[]; head: { seq: number; hash: string } } {
  const problems: AuditChainProblem[] = [];
  let { seq, hash } = head;
  for (const r of records) {
    if (auditHash(digest, r) !== r.hash) problems.push({ kind: 'bad-hash', fromSeq: r.seq, toSeq: r.seq, detail: `audit record ${r.seq} does not match its hash: it was altered after it was written` });
    if (r.seq > seq + 1) problems.push({ kind: 'gap', fromSeq: seq + 1, toSeq: r.seq - 1, detail: `audit records ${seq + 1}..${r.seq - 1} are missing` });
    else if (r.prevHash !== hash) problems.push({ kind: 'broken-link', fromSeq: r.seq - 1, toSeq: r.seq, detail: `audit record ${r.seq} is not chained to record ${r.seq - 1}` });
    seq = r.seq;
    hash = r.hash;
  }
  return { problems, head: { seq, hash } };
}

/** The registry's answer to an audit batch: every seq lands in exactly one of stored, duplicates, conflicts. */
export const AuditBatchAnswer = z.object({
  stored: z.array(z.number().int()),
  duplicates: z.array(z.number().int()),
  conflicts: z.array(z.number().int()),
  problems: z.array(ChainProblem),
});
export type AuditBatchAnswer = z.infer<typeof AuditBatchAnswer>;
