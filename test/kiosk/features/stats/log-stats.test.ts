// The figures agree with direct SQL counts over the same rows, and the hours are the compound's local hours.
import { afterEach, describe, expect, it } from 'vitest';
import { computeStats, median } from '../../../../src/kiosk/features/stats/log-stats.ts';
import { openStore } from '../../../../src/kiosk/platform/store/open-store.ts';
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
  it.each([
    [[], null],
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
  ])('median of %j is %s', (values, expected) => expect(median(values)).toBe(expected));

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
});
