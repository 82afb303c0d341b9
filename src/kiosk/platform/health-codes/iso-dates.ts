// The few date conversions a health-code check makes at every scan, in integer arithmetic: Date's toISOString and
// its string parser each cost more than all the rest of reading a certificate's content (CPU profile of issue 18).
// Results are exactly those of Date.prototype.toISOString and of `new Date('YYYY-MM-DDT00:00:00Z')`; anything outside
// the plain four-digit years goes to Date itself.

const DAY_MS = 86_400_000;
/** Days from 0000-03-01 to 1970-01-01, and the days of a 400-year cycle (the Gregorian calendar repeats after it). */
const EPOCH_SHIFT_DAYS = 719_468;
const CYCLE_DAYS = 146_097;
const CYCLE_MS = CYCLE_DAYS * DAY_MS;
const YEAR_0_MS = -62_167_219_200_000;
const YEAR_10000_MS = 253_402_300_800_000;

/** The character code of a decimal digit. */
const d = (n: number) => 48 + n;

/** `new Date(ms).toISOString()`, for instants in the years 0000-9999 without building the Date's own string. */
export function isoString(ms: number): string {
  if (!(ms >= YEAR_0_MS && ms < YEAR_10000_MS) || !Number.isInteger(ms)) return new Date(ms).toISOString();
  const days = Math.floor(ms / DAY_MS);
  let rest = ms - days * DAY_MS;
  // Civil date from days (H. Hinnant's algorithm): years counted from March, so the leap day ends a year.
  const z = days + EPOCH_SHIFT_DAYS;
  const era = Math.floor(z / CYCLE_DAYS);
  const doe = z - era * CYCLE_DAYS;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  // One flat string from its character codes: joining fourteen pieces made a string object per join (1.2 KB a scan).
  return String.fromCharCode(
    d(Math.floor(year / 1000)), d(Math.floor(year / 100) % 10), d(Math.floor(year / 10) % 10), d(year % 10), 45,
    d(Math.floor(month / 10)), d(month % 10), 45, d(Math.floor(day / 10)), d(day % 10), 84,
    d(Math.floor(hours / 10)), d(hours % 10), 58, d(Math.floor(minutes / 10)), d(minutes % 10), 58,
    d(Math.floor(seconds / 10)), d(seconds % 10), 46, d(Math.floor(millis / 100)), d(Math.floor(millis / 10) % 10), d(millis % 10), 90,
  );
}

const digit = (text: string, i: number) => {
  const d = text.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
};

/**
 * The start (00:00 UTC) of the day a text begins with, "YYYY-MM-DD" then anything, in ms; NaN when it does not begin
 * so. As Date parses "YYYY-MM-DDT00:00:00Z": month 1-12, day 1-31, a day past the month's end rolls into the next.
 */
export function dayStartMs(text: string): number {
  if (text.length < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return NaN;
  const y0 = digit(text, 0), y1 = digit(text, 1), y2 = digit(text, 2), y3 = digit(text, 3);
  const m0 = digit(text, 5), m1 = digit(text, 6), d0 = digit(text, 8), d1 = digit(text, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return NaN;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (month < 1 || month > 12 || day < 1 || day > 31) return NaN;
  // Date.UTC reads years 0-99 as 1900-1999: count them 400 years (one whole cycle) later and step back.
  return year < 100 ? Date.UTC(year + 400, month - 1, day) - CYCLE_MS : Date.UTC(year, month - 1, day);
}
