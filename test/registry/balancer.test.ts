// Registry processes hold no state (docs/scaling.md): two `gate-kiosk registry` processes on one PostgreSQL server,
// behind Debian's HAProxy, with kiosks uploading through it. One process is killed with SIGKILL while it holds a
// batch's transaction open; the kiosks retry through the other, a fresh process takes the dead one's place with
// nothing handed over, and every entry is stored exactly once with each kiosk's chain intact. The staff's pages are
// read from a streaming replica (pg_basebackup -R): with its replay paused they show the older figures while the
// primary ingests, and once it replays they show every entry.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { GENESIS_HASH, type WireEntry } from '../../src/common/wire/schemas.ts';
import { hashMatches } from '../../src/common/wire/chain.ts';
import { enrolKiosk } from '../../src/kiosk/features/sync/enrol.ts';
import { enqueueFields, outboxCounts } from '../../src/kiosk/features/sync/outbox.ts';
import { createSyncService, type SyncConfig, type SyncService } from '../../src/kiosk/features/sync/sync-service.ts';
import { nodeDigest } from '../../src/registry/node-digest.ts';
import { openReadReplica } from '../../src/registry/read-replica.ts';
import { localDay } from '../../src/registry/server.ts';
import { startHaproxy, type Balancer } from '../support/haproxy.ts';
import { cli, repoRoot } from '../support/kiosk.ts';
import { freePort, startPostgres, type TestPostgres, type TestStandby } from '../support/postgres.ts';
import { ADMIN_TOKEN, enrolmentCode, staffGet, staffSession } from '../support/registry-harness.ts';
import { startRegistryProcess, type RegistryProcess } from '../support/registry-process.ts';
import { entryFields, kioskDb, waitFor, type KioskDb } from '../support/sync-fixtures.ts';
import { tempDir } from '../support/temp-dir.ts';

const SYNC: SyncConfig = {
  timeZone: 'Asia/Shanghai',
  batchSize: 40,
  intervalMs: 10,
  backoff: { baseMs: 20, capMs: 300 },
  requestTimeoutMs: 10_000,
  downlinkIntervalMs: 60 * 60_000,
};

interface Kiosk {
  compoundId: string;
  kioskId: string;
  store: KioskDb;
  sync: SyncService;
  ids: string[];
}

describe('registry processes behind HAProxy on one PostgreSQL, and a read replica for the staff', { timeout: 300_000 }, () => {
  const dir = tempDir('gate-balancer-');
  let server: TestPostgres;
  let standby: TestStandby;
  let databaseUrl = '';
  let replicaUrl = '';
  let primary: pg.Pool;
  let replica: pg.Pool;
  const ports: Record<'a' | 'b', number> = { a: 0, b: 0 };
  const processes: Partial<Record<'a' | 'b', RegistryProcess>> = {};
  let balancer: Balancer;
  const kiosks: Kiosk[] = [];

  // Process a's connections carry its name, so the test can see when it holds a transaction open.
  const startProcess = async (name: 'a' | 'b') => {
    processes[name] = await startRegistryProcess({
      port: ports[name],
      dataDir: join(dir.dir, name),
      databaseUrl: `${databaseUrl}?application_name=registry-${name}`,
      readDatabaseUrl: replicaUrl,
      adminToken: ADMIN_TOKEN,
      trustProxy: true,
    });
  };
  const today = () => localDay(Date.now(), 'Asia/Shanghai');
  const record = (k: Kiosk, n: number) => {
    for (let i = 0; i < n; i++) k.ids.push(enqueueFields(k.store.db, { ...entryFields({}), day: today() }).id);
  };
  const allUploaded = () => waitFor('every kiosk outbox to empty', () => kiosks.every((k) => outboxCounts(k.store.db).waiting === 0), 180_000);
  const storedCount = async () => (await primary.query<{ n: number }>('SELECT count(*)::int AS n FROM entries')).rows[0]!.n;
  const stats = async (name: string) => (await balancer.servers()).find((s) => s.name === name)!;

  beforeAll(async () => {
    server = await startPostgres();
    databaseUrl = await server.createDatabase();
    const dbName = new URL(databaseUrl).pathname.slice(1);
    standby = await server.startStandby();
    replicaUrl = standby.urlOf(dbName);
    primary = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    replica = new pg.Pool({ connectionString: replicaUrl, max: 2 });
    ports.a = await freePort();
    ports.b = await freePort();
    // Both start at once on an empty database: the schema is made once, under the migration lock.
    await Promise.all([startProcess('a'), startProcess('b')]);
    balancer = await startHaproxy(dir.dir, [
      { name: 'a', port: ports.a },
      { name: 'b', port: ports.b },
    ]);
    await waitFor('both servers up at the balancer', async () => (await balancer.servers()).every((s) => s.status === 'UP'), 30_000);
    for (let i = 1; i <= 3; i++) {
      const compoundId = `c-gate-${i}`;
      const store = kioskDb();
      const code = await enrolmentCode(balancer.url, compoundId, `Compound ${i}`);
      const { kioskId } = await enrolKiosk({ db: store.db, registryUrl: balancer.url, code, kioskName: 'Gate 1', allowInsecureHttp: true });
      kiosks.push({ compoundId, kioskId, store, sync: createSyncService({ db: store.db, config: SYNC }), ids: [] });
    }
  }, 240_000);

  afterAll(async () => {
    for (const k of kiosks) {
      await k.sync.stop();
      k.store.cleanup();
    }
    await balancer?.stop();
    for (const p of Object.values(processes)) await p?.stop();
    await primary?.end();
    await replica?.end();
    await server?.stop();
    dir.remove();
  });

  it('made the schema once although both processes migrated at the same moment', async () => {
    expect((await primary.query('SELECT version FROM registry_schema')).rows).toEqual([{ version: expect.any(Number) }]);
    expect((await replica.query('SELECT pg_is_in_recovery() AS standby')).rows[0]).toEqual({ standby: true });
  });

  it('stores every entry exactly once, chains intact, when one process is killed -9 mid-upload', async () => {
    for (const k of kiosks) record(k, 1500);
    const total = () => kiosks.reduce((n, k) => n + k.ids.length, 0);
    for (const k of kiosks) k.sync.start();

    // Cut process a off mid-request, every time: once each kiosk has stored some batches the test takes the kiosks'
    // head rows, so the next batches wait inside their transactions on the head's lock (the first statement of a
    // batch). Round robin sends at least one of the three waiting requests to a; it is killed there, holding a
    // transaction with its answer unsent. (Catching a between statements without the lock lost the race on a loaded
    // CI run: its batch committed and answered between the check and the kill.)
    await waitFor(
      'every kiosk to have stored some batches',
      async () =>
        (await storedCount()) >= 300 &&
        (await primary.query<{ n: number }>('SELECT count(*)::int AS n FROM kiosk_heads WHERE last_seq > 0')).rows[0]!.n === kiosks.length,
      120_000,
    );
    const holder = await primary.connect();
    let held = true;
    const letGo = async () => {
      if (!held) return;
      held = false;
      await holder.query('ROLLBACK');
      holder.release();
    };
    onTestFinished(letGo);
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM kiosk_heads WHERE kiosk_id = ANY($1) FOR UPDATE', [kiosks.map((k) => k.kioskId)]);
    await waitFor(
      'process a waiting mid-batch on a kiosk head',
      async () =>
        (
          await primary.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'registry-a' AND xact_start IS NOT NULL
               AND wait_event_type = 'Lock' AND query ILIKE '%INSERT INTO kiosk_heads%'`,
          )
        ).rows[0]!.n > 0,
      60_000,
    );
    processes.a!.child.kill('SIGKILL');
    expect(await processes.a!.exited).toBe('SIGKILL');
    const storedAtKill = await storedCount();
    expect(storedAtKill).toBeLessThan(total());
    await letGo();
    await waitFor('the balancer to see a down', async () => (await stats('a')).status.startsWith('DOWN'), 30_000);
    // The request it was answering came back to its kiosk as an error (the kiosk retried it through b).
    const a = await stats('a');
    expect(a.responseErrors + a.responses5xx).toBeGreaterThan(0);

    await allUploaded();
    expect(await storedCount()).toBe(total());

    // A fresh process on a's port, handed nothing, takes its share of the next uploads.
    await startProcess('a');
    await waitFor('the balancer to see a up again', async () => (await stats('a')).status === 'UP', 30_000);
    const before = (await stats('a')).total;
    for (const k of kiosks) record(k, 200);
    await allUploaded();
    expect((await stats('a')).total).toBeGreaterThan(before);

    for (const k of kiosks) {
      const rows = (
        await primary.query<{ id: string; seq: string; hash: string; prev_hash: string; payload: WireEntry }>(
          'SELECT id::text AS id, seq, hash, prev_hash, payload FROM entries WHERE kiosk_id = $1 ORDER BY seq',
          [k.kioskId],
        )
      ).rows;
      expect(rows.length).toBe(k.ids.length);
      expect(new Set(rows.map((r) => r.id))).toEqual(new Set(k.ids));
      rows.forEach((r, i) => {
        expect(Number(r.seq)).toBe(i + 1);
        expect(r.prev_hash).toBe(i === 0 ? GENESIS_HASH : rows[i - 1]!.hash);
        expect(hashMatches(nodeDigest, r.payload)).toBe(true);
      });
      const head = (await primary.query('SELECT last_seq::int AS seq, last_hash AS hash FROM kiosk_heads WHERE kiosk_id = $1', [k.kioskId])).rows[0];
      expect(head).toEqual({ seq: k.ids.length, hash: rows.at(-1)!.hash });
    }
    expect((await primary.query('SELECT kind, detail FROM chain_problems')).rows).toEqual([]);
  });

  it('reads the staff pages from the replica while the primary ingests', async () => {
    const staff = await staffSession(balancer.url, 'viewer');
    const k = kiosks[0]!;
    const onPage = async () => {
      const live = await staffGet(balancer.url, '/v1/staff/live', staff.headers);
      return (live.compounds as Array<{ compoundId: string; entriesToday: number }>).find((c) => c.compoundId === k.compoundId)?.entriesToday ?? 0;
    };
    const onPrimary = async () =>
      (await primary.query<{ n: number }>('SELECT coalesce(sum(entries), 0)::int AS n FROM compound_days WHERE compound_id = $1 AND day = $2', [k.compoundId, today()])).rows[0]!.n;
    await waitFor('the replica to have replayed the uploads so far', async () => (await onPage()) === k.ids.length, 60_000);

    // With the replica's replay paused the pages keep showing what it holds, whichever process answers.
    await replica.query('SELECT pg_wal_replay_pause()');
    await waitFor('replay to pause', async () => (await replica.query('SELECT pg_get_wal_replay_pause_state() AS s')).rows[0].s === 'paused', 30_000);
    const shown = k.ids.length;
    record(k, 300);
    await allUploaded();
    expect(await onPrimary()).toBe(shown + 300);
    for (let i = 0; i < 4; i++) expect(await onPage()).toBe(shown);
    const page = await fetch(new URL('/', balancer.url), { headers: { cookie: staff.cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Compound 1');

    await replica.query('SELECT pg_wal_replay_resume()');
    await waitFor('the staff page to show every entry after replication', async () => (await onPage()) === shown + 300, 60_000);
    const day = await staffGet(balancer.url, `/v1/staff/compounds/${k.compoundId}`, staff.headers);
    expect(day.figures.entries).toBe(shown + 300);
  });

  it('refuses a read database that is not a replica of the registry, and one without a server', async () => {
    await expect(openReadReplica(standby.urlOf('postgres'), { waitMs: 0 })).rejects.toThrow(/no registry schema.*streaming replica of --database-url/);
    const run = (...args: string[]) =>
      promisify(execFile)(process.execPath, [cli, 'registry', ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 }).then(
        () => ({ code: 0, stderr: '' }),
        (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
      );
    const alone = await run('--http', '--port', '0', '--data', join(dir.dir, 'c'), '--admin-token', 't', '--read-database-url', replicaUrl);
    expect(alone).toEqual({ code: 2, stderr: expect.stringContaining('--read-database-url needs --database-url') });
    const notPostgres = await run('--http', '--port', '0', '--data', join(dir.dir, 'c'), '--admin-token', 't', '--database-url', databaseUrl, '--read-database-url', 'mysql://x/y');
    expect(notPostgres).toEqual({ code: 2, stderr: expect.stringContaining('--read-database-url must be a postgres:// URL') });
  });
});
