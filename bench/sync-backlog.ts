// A week offline: 100,000 entries waiting in a kiosk's outbox, uploaded to a registry on loopback.
// Seconds from reconnecting to "everything is at the registry", per registry engine. Run: node bench/sync-backlog.ts
import { pathToFileURL } from 'node:url';
import { openPglite, openPostgres, type Database } from '../src/registry/sql.ts';
import { migrate } from '../src/registry/schema.ts';
import { enrolKiosk } from '../src/kiosk/features/sync/enrol.ts';
import { enqueueFields } from '../src/kiosk/features/sync/outbox.ts';
import { createSyncService } from '../src/kiosk/features/sync/sync-service.ts';
import { startPostgres } from '../test/support/postgres.ts';
import { enrolmentCode, testRegistry } from '../test/support/registry-harness.ts';
import { entryFields, kioskDb } from '../test/support/sync-fixtures.ts';
import type { Row } from './row.ts';

const N = Number(process.env.BENCH_ENTRIES ?? 100_000);

export type BenchRow = Row;

async function backlogSeconds(db: Database): Promise<number> {
  await migrate(db);
  const registry = await testRegistry(db);
  const kiosk = kioskDb();
  try {
    await enrolKiosk({ db: kiosk.db, registryUrl: registry.url, code: await enrolmentCode(registry.url, 'c-bench'), kioskName: 'Gate 1', allowInsecureHttp: true }); // a registry on loopback speaks http
    const start = Date.now() - 7 * 86_400_000;
    kiosk.db.transaction(() => {
      for (let i = 0; i < N; i++) enqueueFields(kiosk.db, entryFields({}, start + Math.floor((i * 7 * 86_400_000) / N)));
    })();
    const service = createSyncService({ db: kiosk.db, config: { timeZone: 'Asia/Shanghai', batchSize: 1000, downlinkIntervalMs: 3_600_000 } });
    const t = performance.now();
    const result = await service.flush({ timeoutMs: 30 * 60_000 });
    const seconds = (performance.now() - t) / 1000;
    if (!result.complete) throw new Error(`backlog not uploaded: ${result.message}`);
    const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM entries');
    if (row!.n !== N) throw new Error(`registry holds ${row!.n} entries, expected ${N}`);
    return seconds;
  } finally {
    kiosk.cleanup();
    await registry.close();
  }
}

export async function run(): Promise<BenchRow[]> {
  const pg = await startPostgres();
  let onServer: number;
  try {
    const db = await openPostgres(await pg.createDatabase());
    onServer = await backlogSeconds(db);
    await db.close();
  } finally {
    await pg.stop();
  }
  const lite = await openPglite();
  const embedded = await backlogSeconds(lite);
  await lite.close();
  return [
    { figure: `week backlog (${N} entries) to a PostgreSQL-server registry on loopback`, value: Number(onServer.toFixed(1)), unit: 's', target: '< 30 s', compare: `${Math.round(N / onServer)} entries/s`, meets: onServer < 30 },
    { figure: `week backlog (${N} entries) to an embedded-PGlite registry on loopback`, value: Number(embedded.toFixed(1)), unit: 's', target: '< 30 s', compare: `${Math.round(N / embedded)} entries/s`, meets: embedded < 30 },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of await run()) console.log(`${row.figure}: ${row.value} (target ${row.target}; ${row.compare})`);
}
