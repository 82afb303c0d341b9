// The console's statistics (charts and the daily report) over one day of 100,000 entries and a week of them, as the
// console runs them: in its worker thread on its own read-only connection, while the gate's writer holds the database
// open; beside the floor: one SQLite pass reading every row of the day once, on a connection set up as the worker's.
// Run alone: node bench/log-stats-day.ts
import { pathToFileURL } from 'node:url';
import { createConsoleWorkers } from '../src/kiosk/app/console-work/console-workers.ts';
import { openConsoleReader } from '../src/kiosk/app/console-work/reader-connection.ts';
import { openKioskStore } from '../src/kiosk/platform/store/open-store.ts';
import { tempDir } from '../test/support/temp-dir.ts';
import { percentile, round, size } from './support/measure.ts';
import { seedLog } from './support/seed-log.ts';
import type { Row } from './row.ts';

const PER_DAY = size(100_000, 20_000);
const DAYS = 7;
const RUNS = 5;

export async function run(): Promise<Row[]> {
  const temp = tempDir('gate-kiosk-bench-stats-');
  const store = openKioskStore(temp.dir);
  const workers = createConsoleWorkers(store);
  const reader = openConsoleReader(store.file, store.key);
  try {
    const seeded = seedLog(store.db, { firstDay: '2026-05-01', days: DAYS, perDay: PER_DAY, seed: 9 });
    const day = seeded.days[3]!;
    const median = async (fn: () => unknown) => {
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        await fn();
        samples.push(performance.now() - t);
      }
      return percentile(samples, 50);
    };
    const options = { timeZone: 'Asia/Shanghai', feverLineC: 37.3 };
    const oneDay = await median(() => workers.run('stats', { filter: { from: day }, ...options }));
    const week = await median(() => workers.run('stats', { filter: { from: seeded.days[0]!, to: seeded.days.at(-1)! }, ...options }));
    const floor = await median(() => reader.prepare('SELECT sum(body_c), count(*) FROM entries WHERE local_day = ?').get(day));
    const n = PER_DAY.toLocaleString('en-US');
    return [
      { figure: `stats: one day of ${n} entries (per hour, reasons, fevers, fast lane, peak pace, per shift)`, value: round(oneDay, 1), unit: 'ms', target: '< 150 ms', compare: `floor: one SQLite pass over the day's rows (read from the covering day index) ${round(floor, 1)} ms`, meets: oneDay < 150, note: `median of ${RUNS} runs in the console worker (the first one starts the thread); profile: the time is inside SQLite (the per-quarter GROUP BY reading the day's wide rows, then the reasons of refusals through json_each on table pages); both now read the covering day index (migration 012), reasons counted per combination; the console's connection caches 16 MiB of pages (a day of 100,000 entries reads about 9 MB of index: in the gate's 8 MiB every run re-read and re-decrypted them, 262 ms); timed per step (2026-12-02): the busiest hour's rows for the whole day and each shift were read with a second range on at_ms that SQLite only filtered by, so each of the four read the whole day (about 20 ms each): the hour now narrows the filter's own bounds; then SQLite's sorter for the per-quarter, per-shift GROUP BY (about 100 ms: it has no hash aggregate, so every row went through a sort) and the busiest hours' rows handed to JS for their medians (about 20 ms each, four of them): now one aggregate per day and quarter in the day index's order (a hand-over's quarter grouped alone; features/stats/quarter-buckets.ts), the medians taken by SQLite's median(), and a shift alone in its busiest hour shares the whole log's reading of it` },
      { figure: `stats: a week of ${(PER_DAY * DAYS).toLocaleString('en-US')} entries`, value: round(week, 1), unit: 'ms', target: '< 3000 ms', compare: `${round(week / oneDay, 1)}× one day`, meets: week < 3000, note: `median of ${RUNS} runs` },
    ];
  } finally {
    reader.close();
    await workers.close();
    store.db.close();
    temp.remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of await run()) console.log(`${row.figure}: ${row.value} ${row.unit ?? ''} (target ${row.target}; ${row.compare})`);
}
