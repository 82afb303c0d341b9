// Kiosk to registry through a faulty network, on both engines: after recovery the registry holds exactly the
// kiosk's entries, none twice, with an intact chain; a week offline uploads its backlog; flush and downlink work.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../../src/registry/sql.ts';
import type { RunningRegistry } from '../../../../src/registry/server.ts';
import { enrolKiosk } from '../../../../src/kiosk/features/sync/enrol.ts';
import { enqueueFields, outboxCounts } from '../../../../src/kiosk/features/sync/outbox.ts';
import { readCredentials } from '../../../../src/kiosk/features/sync/kiosk-state.ts';
import { createSyncService, systemClock, type SyncConfig, type SyncService } from '../../../../src/kiosk/features/sync/sync-service.ts';
import { backends } from '../../../support/registry-backends.ts';
import { admin, enrolmentCode, testRegistry } from '../../../support/registry-harness.ts';
import { startFaultProxy, type Fault, type FaultProxy } from '../../../support/fault-proxy.ts';
import { entryFields, kioskDb, waitFor, type KioskDb } from '../../../support/sync-fixtures.ts';

const FAST: SyncConfig = {
  timeZone: 'Asia/Shanghai',
  batchSize: 40,
  intervalMs: 20,
  backoff: { baseMs: 10, capMs: 200 },
  requestTimeoutMs: 1_000,
  downlinkIntervalMs: 60 * 60_000,
};

describe.each(backends())('kiosk sync against $name', { timeout: 120_000 }, (backend) => {
  let db: Database;
  let registry: RunningRegistry;
  let proxy: FaultProxy;
  let kiosk: KioskDb;
  let service: SyncService | null = null;

  const registryIds = async (kioskId: string) =>
    (await db.query<{ id: string }>('SELECT id::text AS id FROM entries WHERE kiosk_id = $1', [kioskId])).map((r) => r.id);
  const openProblems = async () => db.query<{ kind: string }>('SELECT kind FROM chain_problems WHERE resolved_at IS NULL');

  async function enrol(): Promise<string> {
    const code = await enrolmentCode(registry.url, 'c-maple', 'Maple Court');
    const credentials = await enrolKiosk({ db: kiosk.db, registryUrl: proxy.url, code, kioskName: 'Gate 1', allowInsecureHttp: true });
    return credentials.kioskId;
  }

  function record(n: number, atMs: (i: number) => number = () => Date.now()): string[] {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push(enqueueFields(kiosk.db, entryFields({}, atMs(i))).id);
    return ids;
  }

  beforeAll(async () => {
    db = await backend.open();
  });
  afterAll(async () => {
    await backend.close();
  });
  beforeEach(async () => {
    await backend.reset(db);
    registry = await testRegistry(db);
    proxy = await startFaultProxy(registry.url);
    kiosk = kioskDb();
    return async () => {
      await service?.stop();
      service = null;
      await proxy.close();
      await registry.close();
      kiosk.cleanup();
    };
  });

  it('recovers from dropped connections, 500s, slow and lost replies and duplicated deliveries, storing each entry once', async () => {
    const kioskId = await enrol();
    const ids = record(400);
    const faults: Fault[] = ['drop', 'error-500', 'slow', 'lose-reply', 'duplicate', 'pass', 'lose-reply', 'duplicate', 'drop', 'pass'];
    proxy.plan = (n) => faults[(n - 1) % faults.length]!;
    service = createSyncService({ db: kiosk.db, config: FAST });
    service.start();
    await waitFor('the outbox to empty', () => outboxCounts(kiosk.db).waiting === 0);
    const stored = await registryIds(kioskId);
    expect(stored.length).toBe(ids.length);
    expect(new Set(stored)).toEqual(new Set(ids));
    expect(await openProblems()).toEqual([]);
    for (const fault of ['drop', 'error-500', 'slow', 'lose-reply', 'duplicate'] as const) expect(proxy.faults[fault]).toBeGreaterThan(0);
    proxy.plan = () => 'pass';
    await waitFor('the status to clear', () => service!.status().state === 'up-to-date');
    expect(service.status()).toMatchObject({ waiting: 0, offlineSince: null, summary: expect.stringMatching(/^Up to date/) });
  });

  it('survives the registry being restarted while batches are in flight', async () => {
    const kioskId = await enrol();
    const ids = record(600);
    service = createSyncService({ db: kiosk.db, config: { ...FAST, batchSize: 20 } });
    let restarts = 0;
    let restarting = false;
    proxy.plan = (n) => {
      if (n % 7 === 0 && restarts < 3 && !restarting) {
        restarting = true;
        // Kill the server while this request is being forwarded, then bring a new one up on a new connection pool.
        setImmediate(async () => {
          const old = registry;
          await old.close();
          const fresh = backend.reopen ? await backend.reopen() : db;
          registry = await testRegistry(fresh);
          proxy.target = registry.url;
          restarts += 1;
          restarting = false;
        });
      }
      return 'pass';
    };
    service.start();
    await waitFor('the outbox to empty', () => outboxCounts(kiosk.db).waiting === 0);
    expect(restarts).toBe(3);
    const stored = await registryIds(kioskId);
    expect(stored.length).toBe(ids.length);
    expect(new Set(stored)).toEqual(new Set(ids));
    expect(await openProblems()).toEqual([]);
  });

  it('uploads a week of backlog recorded while offline, one partition per day', async () => {
    const kioskId = await enrol();
    const weekAgo = Date.now() - 7 * 86_400_000;
    let offset = weekAgo - Date.now();
    const clock = { ...systemClock, now: () => Date.now() + offset };
    proxy.plan = () => 'drop';
    service = createSyncService({ db: kiosk.db, config: FAST, clock });
    service.start();
    const ids: string[] = [];
    for (let day = 0; day < 7; day++) {
      offset = weekAgo + day * 86_400_000 - Date.now();
      ids.push(...record(50, (i) => clock.now() + i * 60_000));
      await waitFor('the kiosk to notice it is offline', () => service!.status().state === 'offline');
    }
    const offlineSince = service.status().offlineSince!;
    expect(Date.parse(offlineSince)).toBeLessThan(Date.now() - 6 * 86_400_000);
    expect(service.status().summary).toMatch(/^Offline since \d\d:\d\d: 350 waiting$/);
    offset = 0;
    proxy.plan = () => 'pass';
    await waitFor('the backlog to upload', () => outboxCounts(kiosk.db).waiting === 0);
    expect(new Set(await registryIds(kioskId))).toEqual(new Set(ids));
    const days = await db.query<{ n: number }>('SELECT count(DISTINCT day)::int AS n FROM entries');
    expect(days[0]!.n).toBeGreaterThanOrEqual(7);
    expect(await openProblems()).toEqual([]);
    await waitFor('the status to clear', () => service!.status().state === 'up-to-date');
  });

  it('flags entries removed from or altered in the kiosk outbox before upload', async () => {
    await enrol();
    record(6);
    kiosk.db.prepare('DELETE FROM sync_outbox WHERE seq = 3').run();
    const row = kiosk.db.prepare<[], { payload: string }>('SELECT payload FROM sync_outbox WHERE seq = 5').get()!;
    kiosk.db.prepare('UPDATE sync_outbox SET payload = ? WHERE seq = 5').run(JSON.stringify({ ...JSON.parse(row.payload), decision: 'pass', temperatureC: 36.4 }));
    service = createSyncService({ db: kiosk.db, config: FAST });
    const result = await service.flush({ timeoutMs: 30_000 });
    // Everything was sent, but the registry's copy has a gap and an altered entry: the hand-over must not say it is all there.
    expect(result).toMatchObject({ complete: false, why: 'registry-problems', waiting: 0 });
    const problems = await db.query<{ kind: string; from_seq: number }>('SELECT kind, from_seq::int AS from_seq FROM chain_problems ORDER BY problem_id');
    expect(problems).toEqual([
      { kind: 'gap', from_seq: 3 },
      { kind: 'bad-hash', from_seq: 5 },
    ]);
  });

  it('flushes at hand-over: everything up to now, or what waits and why', async () => {
    await enrol();
    record(30);
    service = createSyncService({ db: kiosk.db, config: FAST });
    proxy.plan = () => 'drop';
    const waiting = await service.flush({ timeoutMs: 1_500 });
    expect(waiting).toMatchObject({ complete: false, waiting: 30, reason: expect.stringContaining('cannot reach the registry') });
    expect(waiting.message).toMatch(/^30 entries since \d\d:\d\d are still waiting: /);
    proxy.plan = () => 'pass';
    const done = await service.flush({ timeoutMs: 30_000 });
    expect(done).toMatchObject({ complete: true, message: expect.stringMatching(/^Everything up to \d\d:\d\d is at the registry\.$/) });
    expect(outboxCounts(kiosk.db).waiting).toBe(0);
  });

  it('applies policy, trust list, revoked cards and the watch list together, versioned, only when all arrived', async () => {
    await enrol();
    await admin(registry.url, 'PUT', '/v1/admin/downlink/policy', { feverC: 37.3 });
    await admin(registry.url, 'PUT', '/v1/admin/downlink/trust-list', { signers: [{ kid: 'k1' }] });
    await admin(registry.url, 'PUT', '/v1/admin/downlink/revoked-cards', { cardIds: ['R-9'] });
    proxy.plan = (_n, _m, path) => (path === '/v1/downlink/revoked-cards' ? 'error-500' : 'pass');
    service = createSyncService({ db: kiosk.db, config: { ...FAST, downlinkIntervalMs: 0 } });
    const changes: string[][] = [];
    service.onDownlink((kinds) => changes.push(kinds));
    service.start();
    await waitFor('a failed downlink attempt', () => proxy.faults['error-500'] > 0 && service!.status().state === 'offline');
    expect(service.downlink('policy')).toBeNull();
    proxy.plan = () => 'pass';
    await waitFor('the documents', () => service!.downlink('revoked-cards'));
    expect(service.downlink('policy')).toMatchObject({ version: 1, content: { feverC: 37.3 } });
    expect(service.downlink('trust-list')).toMatchObject({ version: 1, content: { signers: [{ kid: 'k1' }] } });
    expect(service.downlink('revoked-cards')).toMatchObject({ version: 1, content: { cardIds: ['R-9'] } });
    expect(changes[0]).toEqual(['policy', 'trust-list', 'revoked-cards', 'watch-list']);
    await admin(registry.url, 'PUT', '/v1/admin/downlink/revoked-cards', { cardIds: ['R-9', 'R-10'] });
    await waitFor('version 2', () => service!.downlink('revoked-cards')?.version === 2);
    expect(service.downlink('policy')!.version).toBe(1);
    expect(readCredentials(kiosk.db)!.compoundId).toBe('c-maple');
  });
});
