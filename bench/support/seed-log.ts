// Fills the real entries table (the kiosk's own schema via openStore) with a seeded, realistic log: a busy
// compound's days, peaks at 7-9 and 17-19, mostly residents, a few refusals and fevers. Fast: one prepared statement,
// one transaction per 100,000 rows, and synchronous=OFF and a large page cache only while seeding (restored afterwards).
import type { Db } from '../../src/kiosk/platform/store/open-store.ts';
import { pick, seededRandom } from './measure.ts';

const SURNAMES = [...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰萍红娟建国文辉宇'];
const VOLUNTEERS = ['值班志愿者', '刘志愿', '陈阿姨', '赵师傅', '孙老师', '周大哥'];
const OFFSET_MS = 8 * 3_600_000; // Asia/Shanghai has no daylight saving

export interface SeededLog {
  days: string[];
  rows: number;
  /** A name that occurs in the log, for search queries. */
  someName: string;
  seconds: number;
}

function dayAfter(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** A time of day in ms with the morning and evening peaks a residential gate sees. */
function timeOfDay(random: () => number): number {
  const r = random();
  const hour = r < 0.3 ? 7 + random() * 2 : r < 0.55 ? 17 + random() * 2 : 6 + random() * 16;
  return Math.floor(hour * 3_600_000);
}

export function seedLog(db: Db, options: { firstDay: string; days: number; perDay: number; seed: number }): SeededLog {
  const started = performance.now();
  const random = seededRandom(options.seed);
  const names = Array.from({ length: 3000 }, () => pick(random, SURNAMES) + pick(random, GIVEN) + (random() < 0.4 ? pick(random, GIVEN) : ''));
  const households = Array.from({ length: 1500 }, (_, i) => ({ id: `hh-${i}`, label: `${1 + (i % 25)}-${1 + ((i >> 3) % 4)}-${101 + (i % 18) * 100 + (i % 6)}` }));
  const existing = new Set(db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('entries')").all().map((r) => r.name));
  const wanted = [
    'id', 'at', 'at_ms', 'local_day', 'direction', 'lane', 'identity_name', 'identity_masked_id', 'code_status', 'code_source',
    'code_reason', 'code_detail', 'code_holder_name', 'code_checked_at', 'body_c', 'object_c', 'ambient_c', 'temperature_source',
    'mask_worn', 'decision', 'reasons', 'volunteer', 'person_kind', 'person_id', 'household_id', 'household_label', 'plate',
    'shift_id', 'override_id', 'override_by', 'override_reason', 'duration_ms', 'policy_version',
  ];
  const columns = wanted.filter((c) => existing.has(c));
  const insert = db.prepare(`INSERT INTO entries (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);

  const days: string[] = [];
  let seq = 0;
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  // The schema's own secondary indexes are dropped while seeding and rebuilt from their stored SQL afterwards:
  // building an index once over sorted rows is far faster than updating it row by row.
  const indexes = db.prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'entries' AND sql IS NOT NULL").all();
  // So are the triggers that add each entry's names to the search index: the distinct texts are added once at the end,
  // as migration 011 adds those of the entries before it.
  const triggers = db.prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'entries'").all();
  db.pragma('synchronous = OFF');
  // A big page cache while seeding only: index pages stay in memory instead of being re-read for every row.
  db.pragma('cache_size = -524288');
  // Rebuilding the indexes sorts millions of keys: let SQLite's sorter use both cores.
  db.pragma('threads = 2');
  for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);
  for (const trigger of triggers) db.exec(`DROP TRIGGER ${trigger.name}`);
  try {
    let pending: Array<Record<string, unknown>> = [];
    const flush = db.transaction((batch: Array<Record<string, unknown>>) => {
      for (const row of batch) insert.run(columns.map((c) => row[c] ?? null));
    });
    for (let d = 0; d < options.days; d++) {
      const day = dayAfter(options.firstDay, d);
      days.push(day);
      const dayStart = Date.parse(`${day}T00:00:00Z`) - OFFSET_MS;
      const times = Array.from({ length: options.perDay }, () => timeOfDay(random)).sort((a, b) => a - b);
      for (const t of times) {
        const atMs = dayStart + t;
        const at = new Date(atMs).toISOString();
        const kindRoll = random();
        const kind = kindRoll < 0.78 ? 'resident' : kindRoll < 0.86 ? 'commuter' : kindRoll < 0.97 ? 'visitor' : 'unknown';
        const household = kind === 'unknown' ? null : pick(random, households);
        const name = pick(random, names);
        const codeRoll = random();
        const code = codeRoll < 0.965 ? 'green' : codeRoll < 0.98 ? 'yellow' : codeRoll < 0.99 ? 'red' : 'error';
        const refusedAtCode = code !== 'green';
        const bodyC = refusedAtCode ? null : random() < 0.005 ? 37.3 + Math.round(random() * 12) / 10 : 36 + Math.round(random() * 11) / 10;
        const mask = refusedAtCode ? null : random() < 0.98 ? 1 : 0;
        const reasons = refusedAtCode ? [code === 'error' ? 'code-not-verified' : `code-${code}`] : [...(bodyC! >= 37.3 ? ['fever'] : []), ...(mask === 0 ? ['mask-missing'] : [])];
        const hour = Math.floor(t / 3_600_000);
        const shift = hour < 8 ? 0 : hour < 16 ? 1 : 2;
        pending.push({
          id: `e${String(seq++).padStart(9, '0')}`,
          at,
          at_ms: atMs,
          local_day: day,
          direction: random() < 0.5 ? 'in' : 'out',
          lane: kind === 'commuter' && (hour === 7 || hour === 8 || hour === 17 || hour === 18) ? 'fast' : 'standard',
          identity_name: name,
          identity_masked_id: random() < 0.6 ? `1101**********${String(Math.floor(random() * 10_000)).padStart(4, '0')}` : null,
          code_status: code,
          code_source: code === 'error' ? 'online' : pick(random, ['offline-signed', 'offline-signed', 'resident-card', 'online', 'manual']),
          code_reason: code === 'error' ? 'unreachable' : null,
          code_holder_name: `${[...name][0]}*`,
          code_checked_at: at,
          body_c: bodyC,
          temperature_source: bodyC === null ? null : 'device',
          mask_worn: mask,
          decision: reasons.length ? 'refuse' : 'pass',
          reasons: JSON.stringify(reasons),
          volunteer: VOLUNTEERS[(d * 3 + shift) % VOLUNTEERS.length],
          person_kind: kind,
          person_id: household ? `p-${household.id}-${name.length}` : null,
          household_id: household?.id ?? null,
          household_label: household?.label ?? null,
          plate: random() < 0.05 ? `京A${String(Math.floor(random() * 100_000)).padStart(5, '0')}` : null,
          shift_id: `shift-${day}-${shift}`,
          duration_ms: 2000 + Math.floor(random() * 6000),
          policy_version: 1,
        });
        if (pending.length === 100_000) {
          flush(pending);
          pending = [];
        }
      }
    }
    flush(pending);
  } finally {
    for (const index of indexes) db.exec(index.sql);
    for (const trigger of triggers) db.exec(trigger.sql);
    if (triggers.length) {
      const searched = [['identity_name', 1], ['code_holder_name', 1], ['household_label', 2], ['plate', 3]] as const;
      db.exec(`INSERT OR IGNORE INTO search_terms (kind, text) ${searched.map(([c, kind]) => `SELECT ${kind}, ${c} FROM entries WHERE ${c} IS NOT NULL AND ${c} <> ''`).join(' UNION ')}`);
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('synchronous = FULL');
    db.pragma(`cache_size = ${cacheSize}`);
    db.pragma('threads = 0');
  }
  return { days, rows: seq, someName: names[7]!, seconds: (performance.now() - started) / 1000 };
}
