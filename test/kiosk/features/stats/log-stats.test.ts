// The figures agree with direct SQL counts over the same rows, and the hours are the compound's local hours.
import { afterEach, describe, expect, it } from 'vitest';
import { computeStats } from '../../../../src/kiosk/features/stats/log-stats.ts';
import { openStore, type Db } from '../../../../src/kiosk/platform/store/open-store.ts';
import { seedEntries } from '../../../support/seed-entries.ts';
import { tempDir } from '../../../support/temp-dir.ts';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

function seeded() {
  const t = tempDir();
  cleanups.push(t.remove);
  seedEntries(t.dir, { days: ['2026-03-01', '2026-03-02'], perDay: 2000 });
  const db = openStore(t.dir);
  cleanups.push(() => db.close());
  return db;
}

describe('stats', () => {
  it('matches SQL counts for a day and puts entries in local hours', () => {
    const db = seeded();
    const s = computeStats(db, { from: '2026-03-01' }, { timeZone: 'Asia/Shanghai', feverLineC: 37.3 });
    const n = (where: string) => (db.prepare(`SELECT count(*) AS n FROM entries WHERE local_day = '2026-03-01' AND ${where}`).get() as { n: number }).n;
    expect(s.total).toBe(2000);
    expect(s.refused).toBe(n("decision = 'refuse'"));
    expect(s.in).toBe(n("direction = 'in'"));
    expect(s.fevers).toBe(n('body_c >= 37.3'));
    expect(s.fastLaneShare).toBeCloseTo(n("lane = 'fast'") / 2000, 10);
    expect(s.perHour.reduce((a, h) => a + h.in + h.out, 0)).toBe(2000);
    // Seeded between 06:00 and 22:00 Beijing time, with peaks at 08:00 and 18:00.
    expect(s.perHour.slice(0, 6).every((h) => h.in + h.out === 0)).toBe(true);
    expect([7, 8, 17, 18]).toContain(s.peakHour);
    expect(s.medianSecondsAtPeak).toBeGreaterThan(5);
    expect(s.medianSecondsAtPeak).toBeLessThan(21);
    for (const { reason, count } of s.refusalsByReason) expect(count).toBe(n(`instr(reasons, '"${reason}"') > 0`));
    expect(s.perShift.reduce((a, g) => a + g.total, 0)).toBe(2000);
  });

  it('covers a range per day and honours filters', () => {
    const db = seeded();
    const s = computeStats(db, { from: '2026-03-01', to: '2026-03-02', direction: 'out' }, { timeZone: 'Asia/Shanghai', feverLineC: 37.3 });
    expect(s.perDay.map((d) => d.day)).toEqual(['2026-03-01', '2026-03-02']);
    expect(s.in).toBe(0);
    expect(s.out).toBe(s.total);
  });

  // Hand-placed rows, Beijing time on 2026-03-03: the busiest hour and its median are known exactly.
  function placed(rows: Array<{ at: string; shift: string | null; durationMs: number | null }>): Db {
    const t = tempDir();
    cleanups.push(t.remove);
    const db = openStore(t.dir);
    cleanups.push(() => db.close());
    db.prepare("INSERT INTO shifts (id, volunteer, started_at, ended_at) VALUES ('early', '陈阿姨', '2026-03-03T00:00:00Z', '2026-03-03T08:00:00Z'), ('late', '赵师傅', '2026-03-03T08:00:00Z', '2026-03-03T15:00:00Z')").run();
    const insert = db.prepare(`INSERT INTO entries (id, at, at_ms, local_day, direction, lane, code_status, code_checked_at, decision, reasons, volunteer, shift_id, duration_ms)
      VALUES (?, ?, ?, '2026-03-03', 'in', 'standard', 'green', ?, 'pass', '[]', 'v', ?, ?)`);
    rows.forEach((r, i) => {
      const atMs = Date.parse(`2026-03-03T${r.at}+08:00`);
      insert.run(`e${i}`, new Date(atMs).toISOString(), atMs, new Date(atMs).toISOString(), r.shift, r.durationMs);
    });
    return db;
  }
  const run = (db: Db) => computeStats(db, { from: '2026-03-03' }, { timeZone: 'Asia/Shanghai', feverLineC: 37.3 });

  it.each([
    {
      name: 'recorded durations, the median of those in the busiest hour',
      rows: [
        ...[4000, 6000, 8000, 30000].map((d, i) => ({ at: `08:0${i}:00`, shift: 'early', durationMs: d })),
        // 09:00:00 exactly belongs to the next hour, not to 08:00–09:00.
        { at: '09:00:00', shift: 'early', durationMs: 99000 },
        { at: '12:00:00', shift: 'late', durationMs: 1000 },
      ],
      peakHour: 8,
      median: 7,
    },
    {
      name: 'too few recorded durations, the median gap between people',
      rows: [
        { at: '18:00:00', shift: 'late', durationMs: null },
        { at: '18:00:10', shift: 'late', durationMs: 3000 },
        { at: '18:00:40', shift: 'late', durationMs: null },
        { at: '18:01:20', shift: 'late', durationMs: null },
        { at: '18:59:59', shift: 'late', durationMs: null },
      ],
      peakHour: 18,
      // Gaps 10, 30, 40 and 3519 s: the median is (30 + 40) / 2.
      median: 35,
    },
  ])('the busiest hour from $name', ({ rows, peakHour, median }) => {
    const s = run(placed(rows));
    expect(s.peakHour).toBe(peakHour);
    expect(s.medianSecondsAtPeak).toBe(median);
  });

  it('gives each shift its own busiest hour and median, and the whole day its own', () => {
    const s = run(
      placed([
        ...[0, 20, 40].map((sec) => ({ at: `07:10:${String(sec).padStart(2, '0')}`, shift: 'early', durationMs: 5000 })),
        ...[0, 10].map((sec) => ({ at: `08:10:${String(sec).padStart(2, '0')}`, shift: 'early', durationMs: 9000 })),
        ...[0, 5, 10, 15].map((sec) => ({ at: `17:30:${String(sec).padStart(2, '0')}`, shift: 'late', durationMs: 12000 })),
        // Three of the late shift in the early one's busiest hour: the day's busiest hour holds both shifts.
        ...[1, 2, 3].map((min) => ({ at: `07:5${min}:00`, shift: 'late', durationMs: 60000 })),
        { at: '20:00:00', shift: null, durationMs: 2000 },
      ]),
    );
    // The day's busiest hour, 07:00, has 5 s three times and 60 s three times.
    expect([s.peakHour, s.medianSecondsAtPeak]).toEqual([7, 32.5]);
    expect(s.perShift.map((g) => [g.shift, g.total, g.medianSecondsAtPeak])).toEqual([
      ['— 20:00–20:00', 1, 2],
      ['赵师傅 07:51–17:30', 7, 12],
      ['陈阿姨 07:10–08:10', 5, 5],
    ]);
  });
});

