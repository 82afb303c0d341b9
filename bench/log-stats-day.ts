// The console's statistics (charts and the daily report) over one day of 100,000 entries and a week of them, through
// the console's own code (src/stats), beside the floor: one SQLite pass reading every row of the day once.
// Run alone: node bench/log-stats-day.ts
import { pathToFileURL } from 'node:url';
import { computeStats } from '../src/kiosk/features/stats/log-stats.ts';
import { openStore } from '../src/kiosk/platform/store/open-store.ts';
import { tempDir } from '../test/support/temp-dir.ts';
import { percentile, round, size } from './support/measure.ts';
import { seedLog } from './support/seed-log.ts';
import type { Row } from './row.ts';

const PER_DAY = size(100_000, 20_000);
const DAYS = 7;
const RUNS = 5;

export async function run(): Promise<Row[]> {
  const temp = tempDir('gate-kiosk-bench-stats-');
  const db = openStore(temp.dir);
  try {
    const seeded = seedLog(db, { firstDay: '2026-05-01', days: DAYS, perDay: PER_DAY, seed: 9 });
    const day = seeded.days[3]!;
    const median = (fn: () => void) => {
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        fn();
        samples.push(performance.now() - t);
      }
      return percentile(samples, 50);
    };
    const options = { timeZone: 'Asia/Shanghai', feverLineC: 37.3 };
    const oneDay = median(() => computeStats(db, { from: day }, options));
    const week = median(() => computeStats(db, { from: seeded.days[0]!, to: seeded.days.at(-1)! }, options));
    const floor = median(() => db.prepare('SELECT sum(body_c), count(*) FROM entries WHERE local_day = ?').get(day));
    const n = PER_DAY.toLocaleString('en-US');
    return [
      { figure: `stats: one day of ${n} entries (per hour, reasons, fevers, fast lane, peak pace, per shift)`, value: round(oneDay, 1), unit: 'ms', target: '< 150 ms', compare: `floor: one SQLite pass over the day's rows (read from the covering day index) ${round(floor, 1)} ms`, meets: oneDay < 150, note: `median of ${RUNS} runs; profile: the time is inside SQLite (the per-quarter GROUP BY reading the day's wide rows, then the reasons of refusals through json_each on table pages); both now read the covering day index (migration 012), reasons counted per combination` },
      { figure: `stats: a week of ${(PER_DAY * DAYS).toLocaleString('en-US')} entries`, value: round(week, 1), unit: 'ms', target: '< 3000 ms', compare: `${round(week / oneDay, 1)}× one day`, meets: week < 3000, note: `median of ${RUNS} runs` },
    ];
  } finally {
    db.close();
    temp.remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of await run()) console.log(`${row.figure}: ${row.value} ${row.unit ?? ''} (target ${row.target}; ${row.compare})`);
}
