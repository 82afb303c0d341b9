// Issue 14, measured from outside and kept: exactly-once upload when everything between the gate and the district
// fails at once. A real `gate-kiosk serve` records people from HTTP clients and uploads through a fault-injecting
// proxy (dropped connections, 500s, slow and lost replies, duplicated deliveries) to a real `gate-kiosk registry`
// process; the kiosk process and the registry process are each killed with SIGKILL in the middle of an upload and
// started again on the same data. Afterwards the registry holds every entry the kiosk recorded exactly once, with
// no chain problem (entries or audit log), on embedded PGlite and on a PostgreSQL server.
// (test/kiosk/features/sync/sync-service.test.ts covers the same faults in one process, with graceful restarts.)
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, openPostgres, type Database } from '../../src/registry/sql.ts';
import { startFaultProxy, type Fault, type FaultProxy } from '../support/fault-proxy.ts';
import { cli, repoRoot, startKiosk, type RunningKiosk } from '../support/kiosk.ts';
import { readKioskLog } from '../support/kiosk-chain.ts';
import { openKioskDb } from '../support/kiosk-db.ts';
import { postgresAvailable, startPostgres, type TestPostgres } from '../support/postgres.ts';
import { recordingClient, recordUntil, type RecordingClient } from '../support/recording-clients.ts';
import { enrolmentCode } from '../support/registry-harness.ts';
import { startRegistryProcess, type RegistryProcess } from '../support/registry-process.ts';
import { waitFor } from '../support/sync-fixtures.ts';
import { tempDir } from '../support/temp-dir.ts';
import { SLOW_START_MS, TEST_TIMEOUT_MS } from '../support/patience.ts';

/** What is killed, in order, each in the middle of an upload (the issue killed each of them repeatedly). After the
 * last one the hand-over's flush uploads the rest at once instead of waiting out the kiosk's backoff. With a
 * PostgreSQL server, the server itself is also crashed (stopped in immediate mode) and started again. */
type Victim = 'kiosk' | 'registry' | 'database';
const KILLS: Victim[] = ['kiosk', 'registry', 'kiosk', 'registry'];
const KILLS_WITH_SERVER: Victim[] = ['database', 'kiosk', 'database', 'registry'];
const CLIENTS = 2;
/** Faults the proxy cycles through on every request once enrolled, each between two that pass (denser faults only
 * stretch the kiosk's backoff, and the run with it). */
const FAULTS: Fault[] = ['drop', 'pass', 'pass', 'error-500', 'pass', 'pass', 'lose-reply', 'pass', 'pass', 'duplicate', 'pass', 'pass', 'slow', 'pass', 'pass'];

interface Engine {
  name: string;
  available: boolean;
  kills: Victim[];
  /** The registry's database: a PostgreSQL URL, or none for PGlite in the registry's folder. */
  setUp(): Promise<string | undefined>;
  /** Reads the registry's tables (PGlite only once its registry process has stopped). */
  open(registryDir: string, databaseUrl: string | undefined): Promise<Database>;
  tearDown(): Promise<void>;
}

let postgres: TestPostgres | null = null;
const engines: Engine[] = [
  {
    name: 'embedded PGlite',
    available: true,
    kills: KILLS,
    setUp: async () => undefined,
    open: (dir) => openPglite(path.join(dir, 'pglite')),
    tearDown: async () => undefined,
  },
  {
    name: 'PostgreSQL server',
    available: postgresAvailable(),
    kills: KILLS_WITH_SERVER,
    async setUp() {
      postgres = await startPostgres();
      return postgres.createDatabase();
    },
    open: (_dir, url) => openPostgres(url!),
    async tearDown() {
      await postgres?.stop();
    },
  },
];

describe.each(engines)('exactly-once sync with kiosk and registry killed, on $name', (engine) => {
  const kioskData = tempDir('gate-kiosk-sync-kill-');
  const registryData = tempDir('gate-registry-kill-');
  let databaseUrl: string | undefined;
  let registry: RegistryProcess | null = null;
  let kiosk: RunningKiosk | null = null;
  let proxy: FaultProxy;

  beforeAll(async () => {
    if (!engine.available) return;
    databaseUrl = await engine.setUp();
  });
  afterAll(async () => {
    await kiosk?.stop('SIGKILL');
    await registry?.stop('SIGKILL');
    await proxy?.close();
    await engine.tearDown();
    kioskData.remove();
    registryData.remove();
  });

  it.skipIf(!engine.available)(`stores every entry once after ${engine.kills.join(', ')} killed mid-upload`, { timeout: TEST_TIMEOUT_MS }, async () => {
    const began = performance.now();
    mkdirSync(registryData.dir, { recursive: true });
    registry = await startRegistryProcess({ dataDir: registryData.dir, databaseUrl });
    proxy = await startFaultProxy(registry.url);
    proxy.slowMs = 400;
    const code = await enrolmentCode(registry.url, 'c-kill', 'Kill Court');
    // Not spawnSync: the proxy the command talks through runs in this process.
    const enrol = await promisify(execFile)(process.execPath, [cli, 'enrol', '--registry', proxy.url, '--code', code, '--data', kioskData.dir, '--insecure-http-for-tests'], { cwd: repoRoot, timeout: 60_000 });
    expect(enrol.stdout).toMatch(/Enrolled as /);

    // Each POST of entries tells whoever waits for "an upload in flight now".
    let uploadStarted: (() => void) | null = null;
    let uploadsAnswered = 0;
    proxy.plan = (n, method, route) => {
      const fault = FAULTS[n % FAULTS.length]!;
      if (method === 'POST' && route === '/v1/entries') {
        uploadStarted?.();
        uploadStarted = null;
        if (fault === 'pass') uploadsAnswered += 1;
      }
      return fault;
    };
    const nextUpload = () => new Promise<void>((resolve) => (uploadStarted = resolve));

    const clients: RecordingClient[] = Array.from({ length: CLIENTS }, recordingClient);
    let stopRecording = false;
    let loops: Promise<void>[] = [];
    const startKioskAndRecord = async () => {
      kiosk = await startKiosk({ dataDir: kioskData.dir, readyTimeoutMs: SLOW_START_MS });
      const url = kiosk.url;
      loops = clients.map((c) => recordUntil(url, c, () => stopRecording));
    };
    await startKioskAndRecord();

    const kills = { kiosk: 0, registry: 0, database: 0 };
    const restartsMs = { kiosk: [] as number[], registry: [] as number[], database: [] as number[] };
    const timeline: string[] = [];
    for (const victim of engine.kills) {
      // Let some uploads through first, then kill while the next one is on its way.
      const answeredBefore = uploadsAnswered;
      await waitFor('an upload to get through', () => uploadsAnswered >= answeredBefore + 2);
      await nextUpload();
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 15)));
      const killedAt = performance.now();
      timeline.push(`${victim} at ${((killedAt - began) / 1000).toFixed(0)} s`);
      if (victim === 'database') {
        await postgres!.crashAndRestart();
        // The registry rides out its database restarting: it answers again, it does not exit.
        const alive = registry;
        await waitFor('the registry to answer after its database came back', async () => (await fetch(new URL('/healthz', alive.url)).then((r) => r.status < 500, () => false)) || alive.process.exitCode !== null, SLOW_START_MS);
        expect(alive.process.exitCode, `the registry exited when its database restarted:\n${alive.output()}`).toBeNull();
      } else if (victim === 'registry') {
        await registry.stop('SIGKILL');
        registry = await startRegistryProcess({ dataDir: registryData.dir, databaseUrl });
        proxy.target = registry.url;
      } else {
        await kiosk!.stop('SIGKILL');
        await Promise.all(loops);
        await startKioskAndRecord();
      }
      restartsMs[victim].push(performance.now() - killedAt);
      kills[victim] += 1;
    }

    stopRecording = true;
    await Promise.all(loops);
    // The hand-over's flush uploads the rest now, whatever the backoff after the last fault says.
    proxy.plan = () => 'pass';
    const flushed = await kiosk!.invoke<{ complete: boolean }>('sync.flush', { timeoutMs: 120_000 });
    expect(flushed.body, `${JSON.stringify(flushed.body)}\nregistry:\n${registry.output().slice(-3000)}\nkiosk:\n${kiosk!.output().slice(-3000)}`).toMatchObject({ ok: true, value: { complete: true } });
    const synced = await kiosk!.invoke<{ waiting: number }>('sync.status', {});
    expect(synced.body.value?.waiting).toBe(0);

    const log = readKioskLog(kioskData.dir);
    expect(log.problems).toEqual([]);
    for (const client of clients) for (const [key, id] of client.acknowledged) expect({ key, stored: log.byKey.get(key) }).toEqual({ key, stored: [id] });
    const kioskDb = openKioskDb(kioskData.dir, { readonly: true });
    const kioskId = kioskDb.prepare<[], { kiosk_id: string }>('SELECT kiosk_id FROM sync_credentials').get()!.kiosk_id;
    const recorded = kioskDb.prepare<[], { id: string }>('SELECT id FROM entries').all().map((r) => r.id);
    kioskDb.close();

    await kiosk!.stop();
    kiosk = null;
    if (!databaseUrl) {
      await registry.stop();
      registry = null;
    }
    const db = await engine.open(registryData.dir, databaseUrl);
    try {
      const stored = (await db.query<{ id: string }>('SELECT id::text AS id FROM entries WHERE kiosk_id = $1', [kioskId])).map((r) => r.id);
      const problems = await db.query<{ kind: string; log: string; detail: string }>('SELECT kind, log, detail FROM chain_problems WHERE resolved_at IS NULL');
      const missing = recorded.filter((id) => !stored.includes(id));
      const duplicates = stored.length - new Set(stored).size;
      const strangers = stored.filter((id) => !recorded.includes(id));
      expect({ missing, duplicates, strangers, problems }).toEqual({ missing: [], duplicates: 0, strangers: [], problems: [] });
      expect(stored.length).toBe(recorded.length);
      const acknowledged = clients.reduce((n, c) => n + c.acknowledged.size, 0);
      console.log(
        `sync on ${engine.name}: ${recorded.length} entries (${acknowledged} acknowledged to clients), kiosk killed ${kills.kiosk}x, registry ${kills.registry}x${kills.database ? `, PostgreSQL server ${kills.database}x` : ''} mid-upload, ` +
          `faults ${Object.entries(proxy.faults).filter(([f, n]) => f !== 'pass' && n > 0).map(([f, n]) => `${f} ${n}`).join(', ')}: ${missing.length} missing, ${duplicates} duplicates, ${problems.length} chain problems; ` +
          `back up after a kill: kiosk ${restartsMs.kiosk.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s, registry ${restartsMs.registry.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s${kills.database ? `, database ${restartsMs.database.map((ms) => (ms / 1000).toFixed(1)).join(', ')} s` : ''}; kills ${timeline.join(', ')}; run ${((performance.now() - began) / 1000).toFixed(0)} s`,
      );
    } finally {
      await db.close();
    }
  });
});
