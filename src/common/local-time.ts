// Local wall-clock time in the compound's time zone: the log is reviewed by local day, peak windows and quotas follow
// the local clock, and every time shown to a person is local. Pure: a moment and a time zone in, local facts out.
// One Intl formatter per zone and purpose, kept: formatting is the costly part when thousands of rows are shown.

export interface LocalClock {
  /** YYYY-MM-DD */
  day: string;
  /** ISO weekday: 1 = Monday ... 7 = Sunday. */
  weekday: number;
  /** Minutes since local midnight. */
  minutes: number;
}

type Moment = Date | string | number;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string, purpose: 'day' | 'clock' | 'hhmm' | 'hhmmss'): Intl.DateTimeFormat {
  const key = `${purpose} ${timeZone}`;
  let format = formatters.get(key);
  if (!format) {
    const options: Record<typeof purpose, Intl.DateTimeFormatOptions> = {
      day: { year: 'numeric', month: '2-digit', day: '2-digit' },
      clock: { year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
      hhmm: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
      hhmmss: { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
    };
    format = new Intl.DateTimeFormat(purpose === 'day' ? 'en-CA' : purpose === 'clock' ? 'en-US' : 'en-GB', { timeZone, ...options[purpose] });
    formatters.set(key, format);
  }
  return format;
}

/** Whether a text names a time zone this machine knows: an IANA name such as Asia/Shanghai, not a bare offset. */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z]/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The known zone closest to a mistyped one (Asia/Shangai -> Asia/Shanghai), or null when none is close. */
export function closestTimeZone(name: string): string | null {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  let best: { zone: string; distance: number } | null = null;
  for (const zone of known) {
    const distance = editDistance(name.toLowerCase(), zone.toLowerCase());
    if (!best || distance < best.distance) best = { zone, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(name.length / 4)) ? best.zone : null;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

const asDate = (at: Moment) => (at instanceof Date ? at : new Date(at));
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** Since 1980 every zone's offsets and changes fall on whole minutes, so a local day never changes inside a minute. */
const WHOLE_MINUTES_SINCE = Date.UTC(1980, 0, 1);
const lastDays = new Map<string, { minute: number; day: string }>();

/** The compound's calendar day (YYYY-MM-DD) of a moment. The last answer per zone is kept for its minute: the gate
 * asks for every entry, twice (the row and the outbox), and the Intl call is the costly part. */
export function localDay(at: Moment, timeZone: string): string {
  const date = asDate(at);
  const ms = date.getTime();
  if (!(ms >= WHOLE_MINUTES_SINCE)) return formatter(timeZone, 'day').format(date);
  const minute = Math.floor(ms / 60_000);
  const last = lastDays.get(timeZone);
  if (last?.minute === minute) return last.day;
  const day = formatter(timeZone, 'day').format(date);
  lastDays.set(timeZone, { minute, day });
  return day;
}

export function localClock(at: Moment, timeZone: string): LocalClock {
  const parts = Object.fromEntries(formatter(timeZone, 'clock').formatToParts(asDate(at)).map((p) => [p.type, p.value]));
  return { day: `${parts.year}-${parts.month}-${parts.day}`, weekday: WEEKDAYS[parts.weekday!]!, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** HH:MM on the local clock ("everything up to 14:05"). */
export function clockHHMM(at: Moment, timeZone: string): string {
  return formatter(timeZone, 'hhmm').format(asDate(at));
}

/** HH:MM:SS on the local clock (a row of the log). */
export function clockHHMMSS(at: Moment, timeZone: string): string {
  return formatter(timeZone, 'hhmmss').format(asDate(at));
}

/** The local day `days` after (or before, when negative) a local day; calendar arithmetic, no zone needed. */
export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

// Many rows at once: one Intl call per local day instead of one per row.

/** Milliseconds the zone is ahead of UTC around noon of a local day (fixed for a day except on DST changes). */
export function offsetOfDay(day: string, timeZone: string, cache: Map<string, number>): number {
  let offset = cache.get(day);
  if (offset !== undefined) return offset;
  const noonUtc = Date.parse(`${day}T12:00:00Z`);
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date(noonUtc));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  offset = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute')) - noonUtc;
  cache.set(day, offset);
  return offset;
}

/** 'YYYY-MM-DD HH:MM:SS' in the compound's zone, for a row whose local day is known. */
export function localDateTime(atMs: number, day: string, timeZone: string, cache: Map<string, number>): string {
  return wallClockText(atMs + offsetOfDay(day, timeZone, cache));
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
const DAY_MS = 86_400_000;
let lastDayNumber = Number.NaN;
let lastDatePart = '';

/**
 * 'YYYY-MM-DD HH:MM:SS' of a wall clock kept as milliseconds of a UTC calendar. The date part is kept from the last
 * call: an export's rows come in time order, so a Date is made once a day instead of once a row.
 */
export function wallClockText(wallClockMs: number): string {
  const dayNumber = Math.floor(wallClockMs / DAY_MS);
  if (dayNumber !== lastDayNumber) {
    lastDatePart = new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
    lastDayNumber = dayNumber;
  }
  const seconds = Math.floor((wallClockMs - dayNumber * DAY_MS) / 1000);
  return `${lastDatePart} ${TWO_DIGITS[Math.floor(seconds / 3600)]}:${TWO_DIGITS[Math.floor(seconds / 60) % 60]}:${TWO_DIGITS[seconds % 60]}`;
}
