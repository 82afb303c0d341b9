// The manager console's log at scale: filters and searches over one day of 50,000 entries, and one query over 90
// days (4.5 million rows), each a page of 500 plus the total, through the console's own query code (src/log) on the
// kiosk's real schema. Run alone: node bench/log-query-scale.ts
import { pathToFileURL } from 'node:url';
import type { LogFilter } from '../src/common/contract/console.ts';
import { createLogQueries } from '../src/kiosk/features/log/log-queries.ts';
import { openStore } from '../src/kiosk/platform/store/open-store.ts';
import { tempDir } from '../test/support/temp-dir.ts';
import { percentile, round, size } from './support/measure.ts';
import { seedLog } from './support/seed-log.ts';
import type { Row } from './row.ts';

const DAYS = size(90, 6);
const PER_DAY = 50_000;
const RUNS = 5;

export async function run(): Promise<Row[]> {
  const temp = tempDir('gate-kiosk-bench-log-');
  const db = openStore(temp.dir);
  try {
    const seeded = seedLog(db, { firstDay: '2026-03-01', days: DAYS, perDay: PER_DAY, seed: 5 });
    const queries = createLogQueries(db, () => 37.3);
    const day = seeded.days[Math.floor(DAYS / 2)]!;
    const from = seeded.days[0]!;
    const to = seeded.days.at(-1)!;

    const time = (filter: LogFilter) => {
      const samples: number[] = [];
      let total = 0;
      let lowerBound = false;
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        ({ total, totalIsLowerBound: lowerBound } = queries.query(filter, 0, 500));
        samples.push(performance.now() - t);
      }
      // A total the console counted only up to its cap is shown as "N+", as the console shows it.
      return { ms: percentile(samples, 50), first: samples[0]!, total: `${total.toLocaleString('en-US')}${lowerBound ? '+' : ''}` };
    };

    const oneDay: Array<[string, LogFilter]> = [
      ['whole day', { from: day }],
      ['refused', { from: day, decision: 'refuse' }],
      ['fevers', { from: day, fever: true }],
      ['visitors coming in', { from: day, person: 'visitor', direction: 'in' }],
      ['a reason (mask)', { from: day, reason: 'mask-missing' }],
      ['search a name', { from: day, search: seeded.someName }],
      ['search a household', { from: day, search: '12-2-' }],
    ];
    const dayResults = oneDay.map(([label, filter]) => ({ label, ...time(filter) }));
    const slowest = dayResults.reduce((a, b) => (b.ms > a.ms ? b : a));

    const range: Array<[string, LogFilter]> = [
      ['refused', { from, to, decision: 'refuse' }],
      ['search a name', { from, to, search: seeded.someName }],
      // Two Chinese characters: no trigram can match them.
      ['search a two-character name', { from, to, search: [...seeded.someName].slice(0, 2).join('') }],
    ];
    const rangeResults = range.map(([label, filter]) => ({ label, ...time(filter) }));
    const rows = DAYS * PER_DAY;
    const rangeLabel = `${DAYS} days (${(rows / 1e6).toLocaleString('en-US')} million rows)`;

    return [
      {
        figure: `log: filter and search one day of ${PER_DAY.toLocaleString('en-US')} entries (page of 500 + total), slowest of ${oneDay.length} queries`,
        value: round(slowest.ms, 1),
        unit: 'ms',
        target: '< 25 ms',
        compare: dayResults.map((r) => `${r.label} ${round(r.ms, 1)}`).join(', ') + ' ms',
        meets: slowest.ms < 25,
        note: `median of ${RUNS} runs; slowest: ${slowest.label}; in a log of ${rows.toLocaleString('en-US')} rows; query plans before: each filter walked a narrow (column, at_ms) index and read every candidate row (a random page, decrypted) to test its day, 65–97 ms; now a day's filters read the day index alone (migration 013 added the person kind to it) and only the page's 500 rows, a search reads the name index (migration 011)${slowest.ms >= 25 ? '; what is left is reading the page\'s rows' : ''}`,
      },
      ...rangeResults.map((r): Row => ({
        figure: `log: one query over ${rangeLabel}: ${r.label} (page of 500 + total)`,
        value: round(r.ms, 1),
        unit: 'ms',
        target: '< 200 ms',
        compare: `${r.total} matching; first run ${round(r.first, 1)} ms`,
        meets: r.ms < 200,
        ...(r.label.startsWith('search') ? { note: `through the name index: the texts containing the search found by their pieces, their entries counted and ordered from the (column, at_ms) indexes alone, then the page's rows read; before the index LIKE '%text%' read all ${rows.toLocaleString('en-US')} rows (4,001 ms), and before reading the index alone every match's row was read (two characters 142–223 ms)` } : r.ms >= 200 ? { note: 'walking the time index until the page and the capped total are found' } : {}),
      })),
      {
        figure: `log: seeding ${rows.toLocaleString('en-US')} rows into the real schema (setup, not a target)`,
        value: round(seeded.seconds, 1),
        unit: 's',
        target: 'setup',
        compare: `${Math.round(rows / seeded.seconds).toLocaleString('en-US')} rows/s, synchronous=OFF while seeding`,
      },
    ];
  } finally {
    db.close();
    temp.remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of await run()) console.log(`${row.figure}: ${row.value} ${row.unit ?? ''} (target ${row.target}; ${row.compare})${row.note ? ` — ${row.note}` : ''}`);
}
