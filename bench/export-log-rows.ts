// Exporting 100,000 rows of the log to CSV and to XLSX through the console's own export code (src/export), from the
// kiosk's real schema, watermark and all. Run alone: node bench/export-log-rows.ts
import { pathToFileURL } from 'node:url';
import { exportLog } from '../src/kiosk/features/export/log-export.ts';
import { createLogQueries } from '../src/kiosk/features/log/log-queries.ts';
import { openStore } from '../src/kiosk/platform/store/open-store.ts';
import { tempDir } from '../test/support/temp-dir.ts';
import { quick, round, size } from './support/measure.ts';
import { seedLog } from './support/seed-log.ts';
import type { Row } from './row.ts';

const ROWS = size(100_000, 20_000);

export async function run(): Promise<Row[]> {
  const temp = tempDir('gate-kiosk-bench-export-');
  const db = openStore(temp.dir);
  try {
    const seeded = seedLog(db, { firstDay: '2026-04-01', days: 2, perDay: ROWS / 2, seed: 6 });
    const queries = createLogQueries(db, () => 37.3);
    const filter = { from: seeded.days[0]!, to: seeded.days[1]! };
    const mark = { by: 'bench-manager', role: 'manager', at: new Date() };
    const rows: Row[] = [];
    for (const [format, limitS] of [['csv', 2], ['xlsx', 10]] as const) {
      // One untimed small export first: loading exceljs and warming the JIT are not part of an export.
      await exportLog(queries, { from: seeded.days[0]!, decision: 'refuse' }, format, mark, 'Asia/Shanghai');
      const t = performance.now();
      const out = await exportLog(queries, filter, format, mark, 'Asia/Shanghai');
      const seconds = (performance.now() - t) / 1000;
      if (out.rows !== ROWS) throw new Error(`the ${format} export has ${out.rows} rows, expected ${ROWS}`);
      rows.push({
        figure: `export ${ROWS.toLocaleString('en-US')} rows to ${format.toUpperCase()}`,
        value: round(seconds, 2),
        unit: 's',
        target: `< ${limitS} s`,
        compare: `${(out.buffer.length / 2 ** 20).toFixed(1)} MB file, ${Math.round(ROWS / seconds).toLocaleString('en-US')} rows/s${quick ? ' (quick)' : ''}`,
        meets: seconds < limitS,
        ...(seconds >= limitS ? { note: format === 'xlsx' ? 'exceljs builds each row and zips the sheet in JavaScript on one core' : 'one row at a time through toLogRow, the watermark and CSV quoting' } : {}),
      });
    }
    return rows;
  } finally {
    db.close();
    temp.remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of await run()) console.log(`${row.figure}: ${row.value} ${row.unit ?? ''} (target ${row.target}; ${row.compare})${row.note ? ` — ${row.note}` : ''}`);
}
