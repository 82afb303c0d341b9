// The registry's days and hours are the district's (one zone for the district's compounds), not the server's.
import { localDay, offsetOfDay } from '../common/local-time.ts';

export function localDayIn(ms: number, timeZone: string): string {
  return localDay(new Date(ms), timeZone);
}

/** The local hour 0-23 of a moment in the district's zone. */
export function localHourIn(ms: number, timeZone: string): number {
  const day = localDayIn(ms, timeZone);
  return new Date(ms + offsetOfDay(day, timeZone, new Map())).getUTCHours();
}

/** The moment a local day begins in the district's zone. */
export function startOfDay(day: string, timeZone: string): number {
  return Date.parse(`${day}T00:00:00Z`) - offsetOfDay(day, timeZone, new Map());
}

/** The kiosks' own default: a district's registry and its gates must count days in the same zone. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
