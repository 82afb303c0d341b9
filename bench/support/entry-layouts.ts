// What one committed entry costs in three layouts of the log, on copies of one seeded kiosk database (100,000 rows,
// encrypted, WAL, synchronous=FULL, a passive checkpoint every 16 entries as the kiosk does): the schema as it is, the
// schema without the five (column, at_ms) indexes of the 90-day filters, and a staging table with the same columns and
// no index at all (the design the scan's p50 would need: entries merged into the log after the answer). Rounds of
// 200 rows alternate between the layouts, so the machine's drift falls on all three.
//   node bench/support/entry-layouts.ts
import { cpSync } from 'node:fs';
import path from 'node:path';
import { openStore } from '../../src/kiosk/platform/store/open-store.ts';
import { tempDir } from '../../test/support/temp-dir.ts';
import { percentile } from './measure.ts';
import { seedLog } from './seed-log.ts';

const LAYOUTS = ['schema as it is', 'without the 90-day filter indexes', 'staging table, no index'] as const;
const FILTER_INDEXES = ['entries_by_time', 'entries_decision_time', 'entries_direction_time', 'entries_lane_time', 'entries_person_time'];
const ROUNDS = 6;
const PER_ROUND = 200;

const temp = tempDir('gate-kiosk-layouts-');
try {
  const seeded = openStore(path.join(temp.dir, 'seed'));
  seedLog(seeded, { firstDay: '2026-04-01', days: 2, perDay: 50_000, seed: 6 });
  seeded.close();
  const dbs = LAYOUTS.map((_, i) => {
    cpSync(path.join(temp.dir, 'seed'), path.join(temp.dir, `layout-${i}`), { recursive: true });
    return openStore(path.join(temp.dir, `layout-${i}`));
  });
  for (const index of FILTER_INDEXES) dbs[1]!.exec(`DROP INDEX ${index}`);
  dbs[2]!.exec('CREATE TABLE entries_staged AS SELECT * FROM entries WHERE 0');
  const columns = dbs[0]!.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('entries')").pluck().all() as unknown as string[];
  const inserts = dbs.map((db, i) => db.prepare(`INSERT INTO ${i === 2 ? 'entries_staged' : 'entries'} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`));
  const sample = dbs[0]!.prepare('SELECT * FROM entries ORDER BY at_ms DESC LIMIT 3000').all() as Array<Record<string, unknown>>;
  const wall: number[][] = LAYOUTS.map(() => []);
  const cpu = LAYOUTS.map(() => 0);
  let n = 0;
  for (let round = 0; round < ROUNDS; round++) {
    dbs.forEach((db, i) => {
      const started = process.cpuUsage();
      for (let k = 0; k < PER_ROUND; k++) {
        const row = { ...sample[n++ % sample.length], id: `layout-${i}-${n}`, idempotency_key: null, at_ms: Date.now() + n };
        const t = performance.now();
        db.transaction(() => inserts[i]!.run(row))();
        wall[i]!.push(performance.now() - t);
        if (k % 16 === 15) db.pragma('wal_checkpoint(PASSIVE)');
      }
      const used = process.cpuUsage(started);
      cpu[i]! += (used.user + used.system) / 1000;
    });
  }
  LAYOUTS.forEach((layout, i) => {
    const rows = wall[i]!.length;
    console.log(`${layout.padEnd(34)} p50 ${percentile(wall[i]!, 50).toFixed(3)} ms, p99 ${percentile(wall[i]!, 99).toFixed(3)} ms, CPU ${(cpu[i]! / rows).toFixed(3)} ms per committed entry`);
  });
  for (const db of dbs) db.close();
} finally {
  temp.remove();
}
