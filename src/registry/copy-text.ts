// Rows in PostgreSQL's COPY text format, as the registry stores a batch of new entries: one line per row, columns split
// by tabs. A backslash, tab, newline or carriage return inside a value is written as its escape, so no value (a
// compound id, a reason, the entry's JSON) can end a column or a row early or read as NULL (\N).
import type { WireEntry } from '../common/wire/schemas.ts';

const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One column's value, escaped for COPY's text format. */
export function copyField(value: string): string {
  return SPECIAL.test(value) ? value.replace(SPECIALS, (c) => ESCAPES[c]!) : value;
}

/** A text[] as PostgreSQL's array literal: every element quoted, so commas, braces, quotes, spaces and NULL stay text. */
export function textArrayLiteral(items: readonly string[]): string {
  if (items.length === 0) return '{}';
  return `{${items.map((s) => `"${s.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

/** JSON text as a COPY value: JSON.stringify writes tabs, newlines and carriage returns inside strings as escapes,
 * so a backslash is the one character to double, and most entries have none. */
export function jsonField(json: string): string {
  return json.includes('\\') ? json.replaceAll('\\', '\\\\') : json;
}

/** The columns entryRow writes, in its order. */
export const ENTRY_COLUMNS = ['day', 'id', 'kiosk_id', 'compound_id', 'seq', 'at', 'prev_hash', 'hash', 'decision', 'fever', 'reasons', 'payload'] as const;

/**
 * One entry as a COPY line. kioskCol and compoundCol come escaped (copyField) once per batch; payload is the entry's
 * JSON text. Day, id, seq, at, the hashes, decision and fever were validated to formats without tabs, newlines or
 * backslashes, so they go as they are; every free-text value is escaped.
 */
export function entryRow(e: WireEntry, kioskCol: string, compoundCol: string, payload: string): string {
  return `${e.day}\t${e.id}\t${kioskCol}\t${compoundCol}\t${e.seq}\t${e.at}\t${e.prevHash}\t${e.hash}\t${e.decision}\t${e.fever}\t${copyField(textArrayLiteral(e.reasons))}\t${jsonField(payload)}\n`;
}
