// Entries per second into PostgreSQL through the registry (HTTP, zod, signatures, chain checks, one transaction
// per batch) against a plain COPY of the same rows into the same partitioned table. Run: node bench/registry-ingest.ts
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pathToFileURL } from 'node:url';
import { openPostgres } from '../src/registry/sql.ts';
import { migrate } from '../src/registry/schema.ts';
import { ensurePartitions } from '../src/registry/partitions.ts';
import { POSTGRES_BIN, startPostgres } from '../test/support/postgres.ts';
import { enrolTestKiosk, testRegistry } from '../test/support/registry-harness.ts';
import type { Row } from './row.ts';

const N = Number(process.env.BENCH_ENTRIES ?? 50_000);
const BATCH = 500;

export type BenchRow = Row;

export async function run(): Promise<BenchRow[]> {
  const pg = await startPostgres();
  const tmp = mkdtempSync(join(tmpdir(), 'gate-bench-'));
  try {
    const url = await pg.createDatabase();
    const db = await openPostgres(url);
    await migrate(db);
    const registry = await testRegistry(db);
    const kiosk = await enrolTestKiosk(registry.url, 'c-bench');
    const day0 = Date.parse('2026-06-01T02:00:00Z');
    const entries = kiosk.chain(N, () => ({}), (i) => day0 + Math.floor((i * 7) / N) * 86_400_000 + i);
    let t = performance.now();
    for (let i = 0; i < N; i += BATCH) await kiosk.send(entries.slice(i, i + BATCH));
    const viaRegistry = N / ((performance.now() - t) / 1000);
    await registry.close();

    // The same rows, shifted to other days so the primary key does not collide, loaded with COPY FROM STDIN.
    const shifted = entries.map((e) => ({ ...e, day: `2027${e.day.slice(4)}` }));
    await ensurePartitions(db, shifted.map((e) => e.day));
    const csv = (v: string) => `"${v.replaceAll('"', '""')}"`;
    const file = join(tmp, 'entries.csv');
    writeFileSync(
      file,
      shifted
        .map((e) => [e.day, e.id, kiosk.credentials.kioskId, 'c-bench', e.seq, e.at, e.prevHash, e.hash, e.decision, e.fever, csv(`{${e.reasons.join(',')}}`), csv(JSON.stringify(e))].join(','))
        .join('\n'),
    );
    t = performance.now();
    await promisify(execFile)(join(POSTGRES_BIN, 'psql'), [
      url,
      '-v', 'ON_ERROR_STOP=1', '-c',
      `\\copy entries (day, id, kiosk_id, compound_id, seq, at, prev_hash, hash, decision, fever, reasons, payload) FROM '${file}' WITH (FORMAT csv)`,
    ]);
    const viaCopy = N / ((performance.now() - t) / 1000);
    await db.close();
    return [
      {
        figure: `registry ingest into PostgreSQL (HTTP, signed, chain-checked, ${BATCH}/batch, ${N} entries)`,
        value: Math.round(viaRegistry),
        unit: '/s',
        target: '≥ 50% of plain COPY',
        compare: `COPY ${Math.round(viaCopy)}/s: ${((viaRegistry / viaCopy) * 100).toFixed(0)}%`,
        meets: viaRegistry >= viaCopy / 2,
        ...(viaRegistry < viaCopy / 2 ? { note: 'per batch the registry checks a signature, the hash chain and each entry (zod) over HTTP, and commits once; COPY does none of that' } : {}),
      },
      { figure: 'plain COPY (psql \\copy) into the same partitioned entries table', value: Math.round(viaCopy), unit: '/s', target: 'baseline', compare: 'same rows' },
    ];
  } finally {
    await pg.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of await run()) console.log(`${row.figure}: ${row.value} (target ${row.target}; ${row.compare})`);
}
