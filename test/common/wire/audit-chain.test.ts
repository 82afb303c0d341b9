// The audit chain's rule, as a table: what a deleted, altered, reordered or relinked record looks like.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { auditHash, checkAuditChain, type AuditContent } from '../../../src/common/wire/audit-chain.ts';
import { GENESIS_HASH } from '../../../src/common/wire/schemas.ts';
import { nodeDigest } from '../../../src/kiosk/platform/node-digest.ts';

type Row = AuditContent & { hash: string };

function chain(n: number): Row[] {
  const rows: Row[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const content = { seq, at: `2026-12-01T08:0${seq}:00.000Z`, actor: 'zhang', actorRole: 'manager', action: 'reveal', subject: `entry-${seq}`, detailHash: createHash('sha256').update(`{"n":${seq}}`).digest('hex'), prevHash };
    const row = { ...content, hash: auditHash(nodeDigest, content) };
    rows.push(row);
    prevHash = row.hash;
  }
  return rows;
}

const kinds = (rows: Row[]) => checkAuditChain(nodeDigest, rows).problems.map((p) => `${p.kind} ${p.fromSeq}-${p.toSeq}`);

describe('audit chain', () => {
  it.each<[string, (rows: Row[]) => Row[], string[]]>([
    ['intact', (r) => r, []],
    ['a middle record deleted', (r) => r.filter((x) => x.seq !== 3), ['gap 3-3']],
    ['the first record deleted', (r) => r.slice(1), ['gap 1-1']],
    ['a record altered (its action)', (r) => r.map((x) => (x.seq === 2 ? { ...x, action: 'sign-in' } : x)), ['bad-hash 2-2']],
    ['a record altered and rehashed alone', (r) => r.map((x) => (x.seq === 2 ? { ...x, subject: 'other', hash: auditHash(nodeDigest, { ...x, subject: 'other' }) } : x)), ['broken-link 2-3']],
    ['its detail replaced', (r) => r.map((x) => (x.seq === 4 ? { ...x, detailHash: '0'.repeat(64) } : x)), ['bad-hash 4-4']],
    ['two records swapped', (r) => [r[0]!, r[2]!, r[1]!, r[3]!, r[4]!], ['gap 2-2', 'broken-link 1-2', 'gap 3-3']],
  ])('%s', (_what, tamper, expected) => expect(kinds(tamper(chain(5)))).toEqual(expected));

  it('continues from a known head (what the registry holds)', () => {
    const rows = chain(6);
    expect(checkAuditChain(nodeDigest, rows.slice(3), { seq: 3, hash: rows[2]!.hash }).problems).toEqual([]);
    expect(checkAuditChain(nodeDigest, rows.slice(3), { seq: 3, hash: rows[1]!.hash }).problems.map((p) => p.kind)).toEqual(['broken-link']);
  });
});
