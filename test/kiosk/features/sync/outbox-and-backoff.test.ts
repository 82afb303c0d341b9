// Sync at the kiosk: backoff, and the outbox sharing the entry's transaction.
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { backoffDelay } from '../../../../src/kiosk/features/sync/backoff.ts';
import { enqueueFields, outboxCounts } from '../../../../src/kiosk/features/sync/outbox.ts';
import { createSyncService, type SyncClock } from '../../../../src/kiosk/features/sync/sync-service.ts';
import { saveCredentials } from '../../../../src/kiosk/features/sync/kiosk-state.ts';
import { RegistryError } from '../../../../src/kiosk/features/sync/registry-client.ts';
import { GENESIS_HASH } from '../../../../src/common/wire/schemas.ts';
import { createEntriesRepository } from '../../../../src/kiosk/features/log/entries-repository.ts';
import type { Entry } from '../../../../src/common/contract/entries.ts';
import { entryFields, kioskDb } from '../../../support/sync-fixtures.ts';

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

describe('upload pace', () => {
  /** A clock the test moves: timers fire in order as time passes, promises settle between them. */
  function virtualClock() {
    let now = Date.parse('2026-12-01T00:00:00Z');
    let timers: Array<{ due: number; fn: () => void; id: number }> = [];
    let ids = 0;
    const clock: SyncClock = {
      now: () => now,
      setTimeout: (fn, ms) => {
        const id = ++ids;
        timers.push({ due: now + ms, fn, id });
        return id;
      },
      clearTimeout: (id) => void (timers = timers.filter((t) => t.id !== id)),
    };
    const settle = async () => {
      for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
    };
    async function advance(ms: number) {
      const until = now + ms;
      for (;;) {
        timers.sort((a, b) => a.due - b.due);
        const next = timers[0];
        if (!next || next.due > until) break;
        timers.shift();
        now = next.due;
        next.fn();
        await settle();
      }
      now = until;
      await settle();
    }
    return { clock, advance, now: () => now };
  }

  const answering = (uploads: number[], now: () => number) => ({
    request: async (method: string, path: string, body: unknown) => {
      if (path === '/v1/entries') {
        uploads.push(now());
        return { stored: (body as { entries: Array<{ id: string }> }).entries.map((e) => e.id), duplicates: [], conflicts: [], problems: [] };
      }
      if (method === 'GET') return { kind: path.split('/').at(-1), version: 0, updatedAt: null, content: null };
      return {};
    },
  });

  it('uploads within seconds while people keep arriving four a second (re-arming on every entry postponed it forever)', async () => {
    const kiosk = kioskDb();
    try {
      saveCredentials(kiosk.db, { registryUrl: 'http://127.0.0.1:9', kioskId: 'k', secret: 's', compoundId: 'c', district: 'd', enrolledAt: new Date().toISOString() });
      const time = virtualClock();
      const uploads: number[] = [];
      const service = createSyncService({ db: kiosk.db, config: { timeZone: 'UTC' }, clock: time.clock, random: () => 0.5, client: answering(uploads, time.now) });
      service.start();
      await time.advance(10);
      const firstEntryAt = time.now();
      uploads.length = 0;
      for (let i = 0; i < 180; i++) {
        enqueueFields(kiosk.db, entryFields());
        service.nudge();
        await time.advance(250);
      }
      expect(uploads.length).toBeGreaterThan(5);
      expect(uploads[0]! - firstEntryAt).toBeLessThanOrEqual(5_000);
      const gaps = uploads.slice(1).map((at, i) => at - uploads[i]!);
      expect(Math.max(...gaps)).toBeLessThanOrEqual(5_000);
      await service.stop();
    } finally {
      kiosk.cleanup();
    }
  });

  it('after an outage retries within 30 s of the registry answering again', async () => {
    const kiosk = kioskDb();
    try {
      saveCredentials(kiosk.db, { registryUrl: 'http://127.0.0.1:9', kioskId: 'k', secret: 's', compoundId: 'c', district: 'd', enrolledAt: new Date().toISOString() });
      enqueueFields(kiosk.db, entryFields());
      const time = virtualClock();
      const uploads: number[] = [];
      let down = true;
      const registry = answering(uploads, time.now);
      const client = { request: async (method: string, path: string, body: unknown) => { if (down) throw new RegistryError('unreachable', 'cannot reach the registry'); return registry.request(method, path, body); } };
      const service = createSyncService({ db: kiosk.db, config: { timeZone: 'UTC' }, clock: time.clock, random: () => 1, client });
      service.start();
      await time.advance(2 * 3600_000); // two hours down: the backoff has long reached its cap
      down = false;
      const backAt = time.now();
      await time.advance(31_000);
      expect(uploads.length).toBe(1);
      expect(uploads[0]! - backAt).toBeLessThanOrEqual(30_000);
      expect(service.status()).toMatchObject({ state: 'up-to-date', waiting: 0 });
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
