// CertLogic date-times (specification 1.3.2, plusTime and dccDateOfBirth): the allowed string formats, partial dates
// read as "the last date consistent with the data", offsets with the Date class's UTC setters, millisecond precision.
import { CertLogicError } from './values.ts';

export const TIME_UNITS = ['year', 'month', 'day', 'hour'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

// YYYY[-MM[-DD[Thh:mm:ss[.S...][zone]]]] where zone is Z, [+-]h, hh, hmm, hhmm, h:mm or hh:mm.
const FORMAT = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{1,2}(?::?\d{2})?)?)?)?)?$/;

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  // h, hh, hmm or hhmm: the minutes are always the last two digits when there are three or four.
  const [hours, minutes] = digits.length <= 2 ? [Number(digits), 0] : [Number(digits.slice(0, -2)), Number(digits.slice(-2))];
  if (hours > 23 || minutes > 59) throw new CertLogicError(`time zone offset ${zone} is out of range`);
  return sign * (hours * 60 + minutes);
}

/** Parses one of the allowed formats; a missing zone is Z, a missing time is midnight, YYYY and YYYY-MM end their period. */
export function parseDateTime(text: string): Date {
  const match = FORMAT.exec(text);
  if (!match) throw new CertLogicError(`not a date(-time) in an allowed format: ${JSON.stringify(text)}`);
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const year = Number(y);
  const month = mo === undefined ? 12 : Number(mo);
  if (month < 1 || month > 12) throw new CertLogicError(`month out of range in ${JSON.stringify(text)}`);
  const day = d === undefined ? daysIn(year, month) : Number(d);
  if (day < 1 || day > daysIn(year, month)) throw new CertLogicError(`day out of range in ${JSON.stringify(text)}`);
  const [hour, minute, second] = [Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) throw new CertLogicError(`time out of range in ${JSON.stringify(text)}`);
  // Decimals beyond the third are ignored: rounded down to the millisecond.
  const ms = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, ms);
  return new Date(utc.getTime() - offsetMinutes(zone) * 60_000);
}

/** Adds whole units with the UTC setters, as the specification prescribes (2020-02-29 plus 1 year is 2021-03-01). */
export function plusTime(text: string, amount: number, unit: TimeUnit): Date {
  const date = parseDateTime(text);
  if (unit === 'year') date.setUTCFullYear(date.getUTCFullYear() + amount);
  else if (unit === 'month') date.setUTCMonth(date.getUTCMonth() + amount);
  else if (unit === 'day') date.setUTCDate(date.getUTCDate() + amount);
  else date.setUTCHours(date.getUTCHours() + amount);
  if (Number.isNaN(date.getTime())) throw new CertLogicError(`plusTime of ${amount} ${unit} on ${JSON.stringify(text)} leaves the range of date-times`);
  return date;
}

/** A DCC date of birth: YYYY, YYYY-MM or YYYY-MM-DD, read as the last date consistent with it, at midnight UTC. */
export function dccDateOfBirth(text: string): Date {
  if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(text)) throw new CertLogicError(`not a DCC date of birth (YYYY, YYYY-MM or YYYY-MM-DD): ${JSON.stringify(text)}`);
  return parseDateTime(text);
}
