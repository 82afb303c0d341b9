// The district staff's live view at city scale: 10,000 compounds and 30 million entries in one day, in PostgreSQL.
// Measures the live page (HTML) and its JSON, a compound's page, the district chart and the daily report over HTTP
// with a signed-in session, against a target of 500 ms, beside the same figures read straight from the day's entries
// (what the page would cost without the summaries kept at ingest). Run: node bench/registry-live-view.ts
import { pathToFileURL } from 'node:url';
import { openPostgres, type Database } from '../src/registry/sql.ts';
import { migrate } from '../src/registry/schema.ts';
import { ensurePartitions } from '../src/registry/partitions.ts';
import { KNOWN_REASONS } from '../src/registry/known-reasons.ts';
import { startPostgres } from '../test/support/postgres.ts';
import { staffSession, testRegistry } from '../test/support/registry-harness.ts';
import type { Row } from './row.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const COMPOUNDS = QUICK ? 1_000 : 10_000;
const ENTRIES = QUICK ? 1_000_000 : 30_000_000;
const DISTRICTS = 20;
const DAY = '2026-06-15';
/** 23:30 in Shanghai: the day's whole volume is in. */
const NOW = Date.parse('2026-06-15T15:30:00Z');
const TARGET_MS = 500;
const RUNS = 7;

const log = (message: string) => console.error(`[live-view] ${message}`);

async function timed<T>(what: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await what();
  return { ms: performance.now() - t, value };
}

async function seed(db: Database): Promise<void> {
  let t = performance.now();
  await db.query(
    `INSERT INTO compounds (compound_id, name, district, last_entry_at)
     SELECT 'c-' || g, '小区 ' || g, 'district-' || (g % $2), NULL FROM generate_series(1, $1) AS g`,
    [COMPOUNDS, DISTRICTS],
  );
  await db.query(`INSERT INTO kiosks (kiosk_id, compound_id, name, secret) SELECT 'k-' || g, 'c-' || g, 'Gate 1', md5(g::text) FROM generate_series(1, $1) AS g`, [COMPOUNDS]);
  await ensurePartitions(db, [DAY]);
  // The day's entries, spread over its 24 hours; 4% refused, 0.3% fevers.
  const chunk = 2_000_000;
  for (let from = 1; from <= ENTRIES; from += chunk) {
    const to = Math.min(ENTRIES, from + chunk - 1);
    await db.query(
      `INSERT INTO entries (day, id, kiosk_id, compound_id, seq, at, prev_hash, hash, decision, fever, reasons, payload)
       SELECT $1::date, ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, 'k-' || k, 'c-' || k, g / $4 + 1,
              timestamptz '${DAY}T00:00:00+08:00' + make_interval(secs => 86399.0 * (g % 86400) / 86400),
              '${'0'.repeat(64)}', '${'a'.repeat(64)}',
              CASE WHEN g % 25 = 0 THEN 'refuse' ELSE 'pass' END, g % 333 = 0,
              CASE WHEN g % 333 = 0 THEN ARRAY['fever'] WHEN g % 25 = 0 THEN ARRAY['mask-missing'] ELSE ARRAY[]::text[] END,
              CASE WHEN g % 2 = 0 THEN '{"direction":"in","identity":{"maskedId":"3101**********1234"}}'::jsonb
                   ELSE '{"direction":"out","identity":{"maskedId":"3101**********1234"}}'::jsonb END
       FROM (SELECT g, (g % $4) + 1 AS k FROM generate_series($2::bigint, $3::bigint) AS g) AS x`,
      [DAY, from, to, COMPOUNDS],
    );
    log(`entries ${to.toLocaleString('en-US')} / ${ENTRIES.toLocaleString('en-US')} (${((performance.now() - t) / 1000).toFixed(0)} s)`);
  }
  // The summaries, exactly as ingest keeps them (one statement per table here instead of one per batch).
  t = performance.now();
  await db.query(
    `INSERT INTO compound_days (day, compound_id, entries, refusals, fevers, watch_hits, last_at)
     SELECT day, compound_id, count(*), count(*) FILTER (WHERE decision = 'refuse'), count(*) FILTER (WHERE fever), 0, max(at) FROM entries WHERE day = $1 GROUP BY 1, 2`,
    [DAY],
  );
  await db.query(
    `INSERT INTO compound_hours (day, compound_id, hour, entries, refusals, fevers, watch_hits)
     SELECT day, compound_id, extract(hour FROM at AT TIME ZONE 'Asia/Shanghai')::smallint, count(*), count(*) FILTER (WHERE decision = 'refuse'), count(*) FILTER (WHERE fever), 0
     FROM entries WHERE day = $1 GROUP BY 1, 2, 3`,
    [DAY],
  );
  await db.query(
    `INSERT INTO compound_slots (slot, compound_id, entries)
     SELECT date_bin('10 minutes', at, timestamptz '2000-01-01 00:00:00+00'), compound_id, count(*) FROM entries WHERE day = $1 GROUP BY 1, 2`,
    [DAY],
  );
  await db.query(
    `INSERT INTO compound_reasons (day, compound_id, reason, n)
     SELECT day, compound_id, CASE WHEN r = ANY($2::text[]) THEN r ELSE 'other' END, count(*) FROM entries, unnest(reasons) AS r WHERE day = $1 AND decision = 'refuse' GROUP BY 1, 2, 3`,
    [DAY, KNOWN_REASONS],
  );
  await db.query(`UPDATE compounds c SET last_entry_at = d.last_at FROM compound_days d WHERE d.day = $1 AND d.compound_id = c.compound_id`, [DAY]);
  // A week of history per compound and hour (what tells a compound's busy hours); 400 compounds quiet since 22:00.
  await db.query(
    `INSERT INTO compound_hours (day, compound_id, hour, entries, refusals, fevers, watch_hits)
     SELECT $1::date - d, compound_id, hour, entries, refusals, fevers, 0 FROM compound_hours, generate_series(1, 7) AS d WHERE day = $1`,
    [DAY],
  );
  await db.query(`UPDATE compounds SET last_entry_at = timestamptz '${DAY}T21:55:00+08:00' WHERE compound_id IN (SELECT 'c-' || g FROM generate_series(1, $1, 25) AS g)`, [COMPOUNDS]);
  await db.query(
    `INSERT INTO alerts (alert_id, source, kiosk_id, compound_id, kind, at, summary, detail)
     SELECT gen_random_uuid(), 'kiosk', 'k-' || g, 'c-' || g, 'fever', timestamptz '${DAY}T20:00:00+08:00', 'fever 38.4 °C refused (in)', '{}'::jsonb
     FROM generate_series(1, $1, 20) AS g`,
    [COMPOUNDS],
  );
  await db.exec('ANALYZE');
  log(`summaries, history and alerts in ${((performance.now() - t) / 1000).toFixed(0)} s`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function run(): Promise<Row[]> {
  const pg = await startPostgres();
  try {
    const db = await openPostgres(await pg.createDatabase(), 8);
    await migrate(db);
    const started = performance.now();
    await seed(db);
    const seedSeconds = (performance.now() - started) / 1000;
    const registry = await testRegistry(db, { now: () => NOW, timeZone: 'Asia/Shanghai' });
    const staff = await staffSession(registry.url);
    const get = async (path: string, headers: Record<string, string>) => {
      const response = await fetch(`${registry.url}${path}`, { headers });
      const body = await response.text();
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${body.slice(0, 200)}`);
      return body;
    };
    const measure = async (path: string, headers: Record<string, string>) => {
      await get(path, headers); // warm: plans cached, pages in memory, as on a registry that has been up
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < RUNS; i++) {
        const { ms, value } = await timed(() => get(path, headers));
        times.push(ms);
        bytes = value.length;
      }
      return { median: median(times), max: Math.max(...times), bytes };
    };
    const page = await measure('/', { cookie: staff.cookie });
    const json = await measure(`/v1/staff/live?limit=${COMPOUNDS}`, staff.headers);
    const live = JSON.parse(await get(`/v1/staff/live?limit=${COMPOUNDS}`, staff.headers));
    const compound = await measure(`/v1/staff/compounds/c-${Math.ceil(COMPOUNDS / 3)}`, staff.headers);
    const charts = await measure(`/v1/staff/charts?date=${DAY}`, staff.headers);
    const report = await measure(`/v1/staff/reports/daily?date=${DAY}`, staff.headers);
    await registry.close();
    const { ms: naive } = await timed(() =>
      db.query(
        `SELECT compound_id, count(*), count(*) FILTER (WHERE decision = 'refuse'), count(*) FILTER (WHERE fever), max(at) FROM entries WHERE day = $1 GROUP BY compound_id`,
        [DAY],
      ),
    );
    await db.close();
    const scale = `${COMPOUNDS.toLocaleString('en-US')} compounds, ${(ENTRIES / 1e6).toLocaleString('en-US')} million entries in the day`;
    const row = (figure: string, m: { median: number; max: number; bytes: number }, note?: string): Row => ({
      figure,
      value: Math.round(m.median),
      unit: 'ms',
      target: `< ${TARGET_MS} ms`,
      compare: `slowest of ${RUNS} ${Math.round(m.max)} ms; ${(m.bytes / 1024).toFixed(0)} KB; counting the day's entries directly: ${(naive / 1000).toFixed(1)} s`,
      meets: m.median < TARGET_MS,
      ...(note ? { note } : {}),
    });
    return [
      row(`registry live page (HTML, first 200 compounds, district chart), ${scale}: median`, page, `${live.totals.silent} silent, ${live.totals.openAlerts} open alerts; every compound's figures are computed for the tiles and the order`),
      row(`registry live view as JSON, all ${COMPOUNDS.toLocaleString('en-US')} compounds: median`, json),
      row("registry compound page (JSON: its day per hour, kiosks, alerts, latest entries): median", compound),
      row('registry district chart per hour (JSON): median', charts),
      row(`registry daily report (JSON, districts and all ${COMPOUNDS.toLocaleString('en-US')} compounds): median`, report),
      { figure: `registry: seeding ${scale} into PostgreSQL with summaries (setup, not a target)`, value: Math.round(seedSeconds), unit: 's', target: 'setup', compare: `${Math.round(ENTRIES / seedSeconds).toLocaleString('en-US')} rows/s, generated in SQL, fsync off` },
    ];
  } finally {
    await pg.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of await run()) console.log(`${row.figure}: ${row.value} ${row.unit ?? ''} (target ${row.target}; ${row.compare})`);
  process.exit(0);
}
