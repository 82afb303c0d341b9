// Pure parts of sync: canonical hashing, the chain, signatures, backoff, and the outbox sharing the entry's transaction.
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { backoffDelay } from '../../../../src/kiosk/features/sync/backoff.ts';
import { canonicalJson } from '../../../../src/common/wire/canonical-json.ts';
import { chainEntry, hashMatches } from '../../../../src/common/wire/chain.ts';
import { enqueueFields, outboxCounts } from '../../../../src/kiosk/features/sync/outbox.ts';
import { checkTimestamp, sign, verifySignature } from '../../../../src/common/wire/signing.ts';
import { createSyncService, type SyncClock } from '../../../../src/kiosk/features/sync/sync-service.ts';
import { saveCredentials } from '../../../../src/kiosk/features/sync/kiosk-state.ts';
import { RegistryError } from '../../../../src/kiosk/features/sync/registry-client.ts';
import { EntryBatch, GENESIS_HASH } from '../../../../src/common/wire/schemas.ts';
import { createEntriesRepository } from '../../../../src/kiosk/features/log/entries-repository.ts';
import type { Entry } from '../../../../src/common/contract/entries.ts';
import { entryFields, kioskDb } from '../../../support/sync-fixtures.ts';

describe('canonical JSON', () => {
  it.each([
    [{ b: 1, a: [3, { d: null, c: 'x' }] }, '{"a":[3,{"c":"x","d":null}],"b":1}'],
    [{ z: undefined, y: 36.6 }, '{"y":36.6}'],
    ['中文', '"中文"'],
  ])('%j serialises as %s', (value, text) => expect(canonicalJson(value)).toBe(text));
});

describe('entry chain', () => {
  it('links each entry to the previous hash and detects any changed field', () => {
    const a = chainEntry(entryFields(), 1, GENESIS_HASH);
    const b = chainEntry(entryFields(), 2, a.hash);
    expect(b.prevHash).toBe(a.hash);
    expect(hashMatches(a) && hashMatches(b)).toBe(true);
    for (const change of [{ temperatureC: 38.1 }, { decision: 'refuse' }, { seq: 3 }, { prevHash: GENESIS_HASH.replace(/0$/, '1') }, { reasons: ['fever'] }]) {
      expect(hashMatches({ ...b, ...change } as typeof b)).toBe(false);
    }
    expect(EntryBatch.safeParse({ entries: [a, b] }).success).toBe(true);
    expect(EntryBatch.safeParse({ entries: [a, a] }).success).toBe(false);
    expect(EntryBatch.safeParse({ entries: [{ ...a, day: '2020-01-01' }] }).success).toBe(false);
  });
});

describe('request signatures', () => {
  const ts = String(Date.now());
  const sig = sign('s3cret', 'POST', '/v1/entries', ts, '{"a":1}');
  it.each([
    ['the same request', 's3cret', 'POST', '/v1/entries', '{"a":1}', sig, true],
    ['another secret', 'other', 'POST', '/v1/entries', '{"a":1}', sig, false],
    ['another path', 's3cret', 'POST', '/v1/reports/daily', '{"a":1}', sig, false],
    ['another body', 's3cret', 'POST', '/v1/entries', '{"a":2}', sig, false],
    ['garbage signature', 's3cret', 'POST', '/v1/entries', '{"a":1}', 'zz', false],
  ])('%s verifies: %s', (_name, secret, method, path, body, signature, ok) => {
    expect(verifySignature(secret, method, path, ts, body, signature)).toBe(ok);
  });
  it('refuses timestamps more than five minutes away', () => {
    expect(checkTimestamp(String(Date.now() - 4 * 60_000), Date.now())).toBe(true);
    expect(checkTimestamp(String(Date.now() + 6 * 60_000), Date.now())).toBe(false);
    expect(checkTimestamp('yesterday', Date.now())).toBe(false);
  });
});

describe('backoff', () => {
  const policy = { baseMs: 1_000, capMs: 60_000 };
  it.each([
    [1, 0, 500],
    [1, 1, 1_000],
    [2, 0.5, 1_500],
    [4, 1, 8_000],
    [7, 1, 60_000],
    [50, 0, 30_000],
  ])('attempt %i with random %d waits %i ms', (attempt, r, ms) => expect(backoffDelay(attempt, policy, () => r)).toBe(ms));

  it('spaces retries by the capped exponential schedule while the registry is unreachable', async () => {
    const kiosk = kioskDb();
    try {
      saveCredentials(kiosk.db, { registryUrl: 'http://127.0.0.1:9', kioskId: 'k', secret: 's', compoundId: 'c', district: 'd', enrolledAt: new Date().toISOString() });
      enqueueFields(kiosk.db, entryFields());
      const delays: number[] = [];
      const pending: Array<() => void> = [];
      const clock: SyncClock = {
        now: () => Date.now(),
        setTimeout: (fn, ms) => {
          delays.push(ms);
          pending.push(fn);
          return pending.length;
        },
        clearTimeout: () => undefined,
      };
      let calls = 0;
      const client = { request: async () => { calls += 1; throw new RegistryError('unreachable', 'cannot reach the registry: ECONNREFUSED'); } };
      const service = createSyncService({ db: kiosk.db, config: { timeZone: 'UTC', backoff: policy }, clock, random: () => 1, client });
      service.start();
      for (let i = 0; i < 8; i++) {
        const fire = pending.shift()!;
        const before = calls;
        fire();
        await expect.poll(() => calls > before || delays.length > i + 1).toBe(true);
        await expect.poll(() => delays.length).toBe(i + 2);
      }
      expect(delays).toEqual([0, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
      expect(service.status()).toMatchObject({ state: 'offline', waiting: 1, lastError: { kind: 'unreachable' } });
      await service.stop();
    } finally {
      kiosk.cleanup();
    }
  });
});

describe('outbox', () => {
  const entry = (): Entry => ({
    id: randomUUID(),
    at: '2026-05-01T23:30:00.000Z',
    direction: 'in',
    lane: 'standard',
    identity: { name: 'Zhang San', maskedId: '3101**********1234' },
    code: { status: 'red', source: 'offline-signed', checkedAt: '2026-05-01T23:29:59.000Z' },
    manualReason: null,
    temperature: { bodyC: 38.2, source: 'device' },
    maskWorn: true,
    decision: 'refuse',
    reasons: ['code-red', 'fever'],
    volunteer: 'Li Wei',
  } as Entry);

  it('is filled by the entry log in the same transaction, masked, on the gate\'s local day', () => {
    const kiosk = kioskDb();
    try {
      const entries = createEntriesRepository(kiosk.db, 'Asia/Shanghai');
      const e = entry();
      entries.insert(e);
      const row = kiosk.db.prepare<[], { payload: string }>('SELECT payload FROM sync_outbox').get()!;
      const wire = JSON.parse(row.payload);
      expect(wire).toMatchObject({ id: e.id, seq: 1, prevHash: GENESIS_HASH, day: '2026-05-02', fever: true, decision: 'refuse', identity: { maskedId: '3101**********1234' } });
      expect(row.payload).not.toContain('Zhang San');
      expect(() => entries.insert(e)).toThrow();
      expect(outboxCounts(kiosk.db)).toMatchObject({ waiting: 1, lastSeq: 1 });
    } finally {
      kiosk.cleanup();
    }
  });
});
