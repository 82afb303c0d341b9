// The policy's rules that follow the local clock: which peak window is in force, and where a quota period starts.
// Tests cover window edges, midnight, other time zones and daylight saving.
import type { PeakWindow } from '../contract/policy.ts';
import { addDays, localClock } from '../local-time.ts';

const toMinutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
const previousWeekday = (weekday: number) => (weekday === 1 ? 7 : weekday - 1);

/** The peak window in force at this moment, or null. Start inclusive, end exclusive; a window may run past midnight. */
export function activePeakWindow(at: Date, windows: readonly PeakWindow[], timeZone: string): PeakWindow | null {
  const now = localClock(at, timeZone);
  const startsOn = (peak: PeakWindow, weekday: number) => !peak.days || peak.days.includes(weekday);
  for (const peak of windows) {
    const start = toMinutes(peak.start);
    const end = toMinutes(peak.end);
    if (start < end) {
      if (startsOn(peak, now.weekday) && now.minutes >= start && now.minutes < end) return peak;
    } else {
      // Past midnight: the evening part belongs to today's start, the early-morning part to yesterday's.
      if (startsOn(peak, now.weekday) && now.minutes >= start) return peak;
      if (startsOn(peak, previousWeekday(now.weekday)) && now.minutes < end) return peak;
    }
  }
  return null;
}

/** The first local day of a quota period of `everyDays` days ending today (today included). */
export function quotaPeriodStart(at: Date, everyDays: number, timeZone: string): string {
  return addDays(localClock(at, timeZone).day, -(everyDays - 1));
}
