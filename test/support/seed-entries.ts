// Fills a kiosk database with realistic entry rows fast (one transaction, one prepared statement): for log, stats,
// export and retention tests, the 100,000-row browser test and the benches. Deterministic for a given seed.
import { openKioskDb } from './kiosk-db.ts';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { openStore, type Db } from '../../src/kiosk/platform/store/open-store.ts';
import { tempDir } from './temp-dir.ts';

export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
export const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳'];

export interface SeedOptions {
  /** Local days (YYYY-MM-DD) in Asia/Shanghai; rows are spread over 06:00–22:00 of each. */
  days: string[];
  perDay: number;
  seed?: number;
  /** Fraction of rows left in the sync outbox (not uploaded). */
  notUploaded?: number;
}

function random(seed: number) {
  let s = seed >>> 0 || 1;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** Creates (migrates) the store in dataDir and inserts the rows; returns how many. */
export function seedEntries(dataDir: string, options: SeedOptions): number {
  openStore(dataDir).close();
  const db = openKioskDb(dataDir);
  db.pragma('journal_mode = WAL');
  const rnd = random(options.seed ?? 7);
  const columns = new Set(db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('entries')").all().map((r) => r.name));
  const extra = columns.has('household_label') ? ', person_kind, household_label, plate, duration_ms' : '';
  const extraValues = columns.has('household_label') ? ', @person_kind, @household_label, @plate, @duration_ms' : '';
  const insert = db.prepare(`INSERT INTO entries (id, at, at_ms, local_day, direction, lane, identity_name, identity_masked_id, code_status, code_source,
    code_reason, code_detail, code_holder_name, code_checked_at, body_c, temperature_source, mask_worn, decision, reasons, volunteer${extra})
    VALUES (@id, @at, @at_ms, @local_day, @direction, @lane, @name, @masked, @status, @source, NULL, NULL, NULL, @at, @body_c, @tsource, @mask, @decision, @reasons, @volunteer${extraValues})`);
  const outbox = db.prepare("INSERT INTO sync_outbox (seq, id, at_ms, payload, enqueued_at) VALUES (?, ?, ?, '{}', ?)");
  let seq = (db.prepare<[], { n: number | null }>('SELECT max(seq) AS n FROM sync_outbox').get()?.n ?? 0) + 1000;
  let count = 0;
  db.transaction(() => {
    for (const day of options.days) {
      const start = Date.parse(`${day}T06:00:00+08:00`);
      const span = 16 * 3600_000;
      for (let i = 0; i < options.perDay; i++) {
        // Morning and evening peaks: squash uniform times toward 08:00 and 18:00.
        const u = rnd();
        const peak = rnd() < 0.5 ? 2 / 16 : 12 / 16;
        const t = rnd() < 0.6 ? peak + (u - 0.5) * 0.08 : u;
        const atMs = Math.round(start + Math.min(Math.max(t, 0), 0.999) * span);
        const r = rnd();
        const status = r < 0.02 ? 'red' : r < 0.05 ? 'yellow' : 'green';
        const bodyC = status === 'green' ? Math.round((36.1 + rnd() * 0.9 + (rnd() < 0.01 ? 1.2 : 0)) * 10) / 10 : null;
        const mask = status === 'green' ? (rnd() < 0.02 ? 0 : 1) : null;
        const reasons = status !== 'green' ? [`code-${status}`] : [...(bodyC! >= 37.3 ? ['fever'] : []), ...(mask === 0 ? ['mask-missing'] : [])];
        const name = `${SURNAMES[Math.floor(rnd() * SURNAMES.length)]}${GIVEN[Math.floor(rnd() * GIVEN.length)]}${rnd() < 0.5 ? GIVEN[Math.floor(rnd() * GIVEN.length)] : ''}`;
        const building = 1 + Math.floor(rnd() * 12);
        const row = {
          id: randomUUID(),
          at: new Date(atMs).toISOString(),
          at_ms: atMs,
          local_day: day,
          direction: rnd() < 0.5 ? 'in' : 'out',
          lane: rnd() < 0.3 ? 'fast' : 'standard',
          name,
          masked: `1101**********${String(Math.floor(rnd() * 10000)).padStart(4, '0')}`,
          status,
          source: rnd() < 0.8 ? 'offline-signed' : 'manual',
          body_c: bodyC,
          tsource: bodyC === null ? null : 'device',
          mask,
          decision: reasons.length ? 'refuse' : 'pass',
          reasons: JSON.stringify(reasons),
          volunteer: i % 2 ? '志愿者甲' : '志愿者乙',
          person_kind: rnd() < 0.85 ? 'resident' : 'visitor',
          household_label: `${building}-${1 + Math.floor(rnd() * 3)}-${100 * (1 + Math.floor(rnd() * 18)) + 1 + Math.floor(rnd() * 4)}`,
          plate: rnd() < 0.1 ? `京A${String(Math.floor(rnd() * 100000)).padStart(5, '0')}` : null,
          duration_ms: Math.round(6000 + rnd() * 14000),
        };
        insert.run(row);
        if (rnd() < (options.notUploaded ?? 0)) outbox.run(seq++, row.id, atMs, new Date().toISOString());
        count++;
      }
    }
  })();
  db.close();
  return count;
}

export interface SeededStore {
  db: Db;
  dataDir: string;
  /** Closes the database and removes its folder. */
  close(): void;
}

/** A new data folder seeded with `options`, open through the kiosk's store. */
export function openSeededStore(options: SeedOptions): SeededStore {
  const temp = tempDir();
  seedEntries(temp.dir, options);
  const db = openStore(temp.dir);
  return { db, dataDir: temp.dir, close: () => (db.close(), temp.remove()) };
}
