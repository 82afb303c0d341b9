// Local time in the compound's zone: days, clocks and offsets across midnight, zones and daylight saving.
import { describe, expect, it } from 'vitest';
import { addDays, clockHHMM, clockHHMMSS, closestTimeZone, isTimeZone, localClock, localDateTime, localDay, offsetOfDay, wallClockText } from '../../src/common/local-time.ts';

const SH = 'Asia/Shanghai';
const NY = 'America/New_York';

describe('local clock', () => {
  it.each([
    ['2026-11-30T23:30:00Z', SH, '2026-12-01', 2, 7 * 60 + 30],
    ['2026-11-30T16:00:00Z', SH, '2026-12-01', 2, 0],
    ['2026-11-30T15:59:00Z', SH, '2026-11-30', 1, 23 * 60 + 59],
    ['2026-11-30T15:59:00Z', 'UTC', '2026-11-30', 1, 15 * 60 + 59],
  ])('%s in %s is %s weekday %i minute %i', (iso, zone, day, weekday, minutes) => {
    expect(localClock(new Date(iso), zone)).toEqual({ day, weekday, minutes });
  });
});

describe('local day and clock text', () => {
  it.each([
    ['2026-11-30T15:59:59Z', SH, '2026-11-30', '23:59', '23:59:59'],
    ['2026-11-30T16:00:00Z', SH, '2026-12-01', '00:00', '00:00:00'],
    ['2026-12-01T01:05:09Z', SH, '2026-12-01', '09:05', '09:05:09'],
    ['2026-03-08T07:30:00Z', NY, '2026-03-08', '03:30', '03:30:00'], // the hour after the spring change
    ['2026-01-01T04:59:00Z', NY, '2025-12-31', '23:59', '23:59:00'],
  ])('%s in %s is day %s at %s (%s)', (iso, zone, day, hhmm, hhmmss) => {
    expect(localDay(new Date(iso), zone)).toBe(day);
    expect(localDay(iso, zone)).toBe(day);
    expect(clockHHMM(iso, zone)).toBe(hhmm);
    expect(clockHHMMSS(Date.parse(iso), zone)).toBe(hhmmss);
  });
});

describe('local day asked again and again (the last answer is kept for its minute)', () => {
  it('answers each moment in order across midnight, per zone, and for moments before 1980', () => {
    const asked: Array<[string, string, string]> = [
      ['2026-11-30T15:59:59.998Z', SH, '2026-11-30'],
      ['2026-11-30T15:59:59.999Z', SH, '2026-11-30'],
      ['2026-11-30T16:00:00.000Z', SH, '2026-12-01'],
      ['2026-11-30T16:00:00.000Z', NY, '2026-11-30'],
      ['2026-11-30T16:00:30.000Z', SH, '2026-12-01'],
      ['2026-11-30T15:59:59.999Z', SH, '2026-11-30'],
      ['1979-12-31T16:00:00.000Z', SH, '1980-01-01'],
      ['1979-12-31T15:59:59.000Z', SH, '1979-12-31'],
    ];
    expect(asked.map(([iso, zone]) => localDay(iso, zone))).toEqual(asked.map(([, , day]) => day));
  });
});

describe('calendar days', () => {
  it.each([
    ['2026-12-01', -1, '2026-11-30'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2028-03-01', -1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-12-01', 0, '2026-12-01'],
  ])('%s plus %i days is %s', (day, days, expected) => expect(addDays(day, days)).toBe(expected));
});

describe('offsets for many rows', () => {
  it.each([
    ['2026-12-01', SH, 8 * 3600_000],
    ['2026-07-01', NY, -4 * 3600_000],
    ['2026-12-01', NY, -5 * 3600_000],
    ['2026-12-01', 'UTC', 0],
  ])('%s in %s is %i ms ahead of UTC', (day, zone, offset) => expect(offsetOfDay(day, zone, new Map())).toBe(offset));

  it('formats a row in its day and reuses the cached offset', () => {
    const cache = new Map<string, number>();
    expect(localDateTime(Date.parse('2026-11-30T16:00:01Z'), '2026-12-01', SH, cache)).toBe('2026-12-01 00:00:01');
    expect(cache.get('2026-12-01')).toBe(8 * 3600_000);
  });
});

describe('wall clock text, a Date made once a day', () => {
  const reference = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
  it.each([
    ['midnight', Date.parse('2026-12-01T00:00:00Z')],
    ['the last second of a day', Date.parse('2026-12-01T23:59:59.999Z')],
    ['a leap day', Date.parse('2028-02-29T12:34:56.789Z')],
    ['the epoch', 0],
    ['before the epoch', Date.parse('1969-12-31T23:59:58.500Z')],
    ['a year end', Date.parse('2026-12-31T23:59:59Z')],
  ])('%s', (_name, ms) => expect(wallClockText(ms)).toBe(reference(ms)));

  it('agrees with a Date for moments in order, back and forth across days', () => {
    const start = Date.parse('2026-03-01T00:00:00Z');
    const moments = Array.from({ length: 2000 }, (_, i) => start + i * 7_777_777 + (i % 3) * 999);
    for (const ms of [...moments, ...moments.reverse()]) expect(wallClockText(ms)).toBe(reference(ms));
  });
});

describe('time zone names', () => {
  it.each([
    ['Asia/Shanghai', true, null],
    ['UTC', true, null],
    ['Asia/Shangai', false, 'Asia/Shanghai'],
    ['asia/shanghai', true, null],
    ['+08:00', false, null],
    ['Beijing', false, null],
    ['', false, null],
  ])('%j is a zone: %s (closest known: %s)', (name, valid, closest) => {
    expect(isTimeZone(name)).toBe(valid);
    if (!valid) expect(closestTimeZone(name)).toBe(closest);
  });
});
