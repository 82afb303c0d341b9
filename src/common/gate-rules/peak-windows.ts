// Local wall-clock time in the compound's time zone, and the rules that depend on it: peak windows and quota periods.
// Pure: a moment and a time zone in, local facts out; tests cover midnight, time zones and daylight saving.
import type { PeakWindow } from '../contract/policy.ts';

export interface LocalClock {
  /** YYYY-MM-DD */
  day: string;
  /** ISO weekday: 1 = Monday ... 7 = Sunday. */
  weekday: number;
  /** Minutes since local midnight. */
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export function localClock(at: Date, timeZone: string): LocalClock {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  return { day: `${parts.year}-${parts.month}-${parts.day}`, weekday: WEEKDAYS[parts.weekday!]!, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

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
  const [year, month, day] = localClock(at, timeZone).day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day - (everyDays - 1))).toISOString().slice(0, 10);
}
