// Peak windows and quota periods in the compound's time zone: edges, midnight, other zones, daylight saving.
import { describe, expect, it } from 'vitest';
import { PeakWindow, Policy } from '../../../src/common/contract/policy.ts';
import { activePeakWindow, quotaPeriodStart } from '../../../src/common/gate-rules/peak-windows.ts';

const SH = 'Asia/Shanghai';
const morning = PeakWindow.parse({ start: '07:00', end: '09:00', days: [1, 2, 3, 4, 5] });
const night = PeakWindow.parse({ start: '22:00', end: '02:00', days: [5] }); // Friday night into Saturday

describe('peak windows', () => {
  // 2026-11-30 is a Monday; Shanghai is UTC+8 all year.
  it.each<[string, string, PeakWindow[], boolean]>([
    ['start is inclusive (07:00 local)', '2026-11-29T23:00:00Z', [morning], true],
    ['one minute before the start', '2026-11-29T22:59:00Z', [morning], false],
    ['one minute before the end', '2026-11-30T00:59:00Z', [morning], true],
    ['end is exclusive (09:00 local)', '2026-11-30T01:00:00Z', [morning], false],
    ['a Saturday is not a listed day', '2026-12-05T00:00:00Z', [morning], false],
    ['every day when no days are listed', '2026-12-05T00:00:00Z', [PeakWindow.parse({ start: '07:00', end: '09:00' })], true],
    ['past midnight: Friday 23:59', '2026-12-04T15:59:00Z', [night], true],
    ['past midnight: Saturday 00:00 belongs to Friday\'s window', '2026-12-04T16:00:00Z', [night], true],
    ['past midnight: Saturday 01:59', '2026-12-04T17:59:00Z', [night], true],
    ['past midnight: Saturday 02:00 is over', '2026-12-04T18:00:00Z', [night], false],
    ['past midnight: Saturday 22:00 does not start (only Friday listed)', '2026-12-05T14:00:00Z', [night], false],
    ['past midnight: Friday 01:00 is Thursday night, not listed', '2026-12-03T17:00:00Z', [night], false],
    ['no windows, no fast lane', '2026-11-30T00:00:00Z', [], false],
  ])('%s', (_case, iso, windows, inside) => {
    expect(activePeakWindow(new Date(iso), windows, SH) !== null).toBe(inside);
  });

  it('the same moment is peak in one compound and not in another', () => {
    const at = new Date('2026-11-30T00:30:00Z'); // 08:30 in Shanghai, 00:30 in London
    expect(activePeakWindow(at, [morning], SH)).toEqual(morning);
    expect(activePeakWindow(at, [morning], 'Europe/London')).toBeNull();
  });

  it('follows daylight saving: 07:30 local in New York before and after the change', () => {
    const window = PeakWindow.parse({ start: '07:00', end: '08:00' });
    expect(activePeakWindow(new Date('2026-10-30T11:30:00Z'), [window], 'America/New_York')).not.toBeNull(); // EDT, UTC-4
    expect(activePeakWindow(new Date('2026-11-03T12:30:00Z'), [window], 'America/New_York')).not.toBeNull(); // EST, UTC-5
    expect(activePeakWindow(new Date('2026-11-03T11:30:00Z'), [window], 'America/New_York')).toBeNull();
  });
});

describe('quota period', () => {
  it.each([
    ['1 day is today only', '2026-12-01T02:00:00Z', 1, '2026-12-01'],
    ['3 days back across a month end', '2026-12-01T02:00:00Z', 3, '2026-11-29'],
    ['local day, not UTC day, just after local midnight', '2026-11-30T16:05:00Z', 2, '2026-11-30'],
    ['across a year end', '2027-01-01T01:00:00Z', 7, '2026-12-26'],
  ])('%s', (_case, iso, days, first) => {
    expect(quotaPeriodStart(new Date(iso), days, SH)).toBe(first);
  });
});

describe('policy validation', () => {
  it.each([
    ['a time that is not HH:MM', { peakWindows: [{ start: '7:00', end: '09:00' }] }, /HH:MM/],
    ['24:00 is not a time', { peakWindows: [{ start: '22:00', end: '24:00' }] }, /HH:MM/],
    ['a window of no length', { peakWindows: [{ start: '08:00', end: '08:00' }] }, /must differ/],
    ['a weekday 8', { peakWindows: [{ start: '07:00', end: '08:00', days: [8] }] }, /days/],
    ['a fever line of 42', { feverLineC: 42 }, /feverLineC/],
    ['no accepted code source', { acceptedCodeSources: [] }, /acceptedCodeSources/],
    ['an unknown check on the way out', { checksOnTheWayOut: ['passport'] }, /checksOnTheWayOut/],
    ['a quota of 0 members', { outingQuota: { members: 0, everyDays: 2 } }, /members/],
  ])('refuses %s', (_case, input, message) => {
    const parsed = Policy.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toMatch(message);
  });

  it('has the documented defaults', () => {
    expect(Policy.parse({})).toEqual({
      feverLineC: 37.3,
      codeFreshnessMinutes: 1440,
      acceptedCodeSources: ['online', 'offline-signed', 'dcc', 'resident-card', 'manual'],
      visitorsAllowed: true,
      outingQuota: null,
      checksOnTheWayOut: [],
      peakWindows: [],
      healthRequirements: [],
      onlineCacheMinutes: 0,
      noPhoneLane: { open: true, for: ['over-60', 'under-14', 'registered-no-phone'] },
      householdGroups: { refuseAllWhenOneRefused: false },
    });
  });
});
