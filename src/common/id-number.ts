// ID numbers and household labels: checked, normalised and masked, the same way at the kiosk and at the registry
// (a district watch list is matched by a keyed hash of the normalised number, so both ends must agree byte for byte).
import { GateError } from './contract/errors.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type IdDocument = 'resident-id' | 'resident-id-15' | 'other';

/** Upper-case without spaces, and what kind of document it looks like; throws a message that says what to fix. */
export function normaliseIdNumber(raw: string): { number: string; document: IdDocument } {
  const number = raw.replace(/[\s-]+/g, '').toUpperCase();
  if (/^\d{17}[\dX]$/.test(number)) {
    const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(number[i]), 0);
    if (CHECK_CHARS[sum % 11] !== number[17]) {
      throw new GateError('bad-input', 'This 18-digit ID number does not add up (its last character is wrong). Read it again from the card.', { key: 'id-checksum' });
    }
    return { number, document: 'resident-id' };
  }
  if (/^\d{15}$/.test(number)) return { number, document: 'resident-id-15' };
  if (/^[A-Z0-9]{5,20}$/.test(number)) {
    if (/^\d{16,17}$/.test(number) || /^\d{19,}$/.test(number)) {
      throw new GateError('bad-input', `An ID number of ${number.length} digits is not possible (a resident ID has 18). Read it again from the card.`, { key: 'id-length', params: { digits: number.length } });
    }
    return { number, document: 'other' };
  }
  throw new GateError('bad-input', 'An ID number is 18 characters (digits, maybe X at the end), or 5-20 letters and digits for a passport or other document.', { key: 'id-shape' });
}

/** 110101199003071234 -> 1101**********1234; other documents keep two characters at each end. */
export function maskIdNumber(number: string): string {
  if (number.length >= 15) return number.slice(0, 4) + '*'.repeat(number.length - 8) + number.slice(-4);
  return number.slice(0, 2) + '*'.repeat(Math.max(1, number.length - 4)) + number.slice(-2);
}

/** 3 / 2 / 501 -> "3-2-501"; without a unit -> "3-501". */
export function householdLabel(building: string, unit: string, room: string): string {
  return [building, unit, room].filter((part) => part !== '').join('-');
}

/** "3-2-501", "3 2 501", "3栋2单元501" -> its parts; null when it cannot be read. */
export function parseHouseholdLabel(text: string): { building: string; unit: string; room: string } | null {
  const parts = text
    .trim()
    .split(/[\s\-/栋号楼单元室]+/u)
    .filter(Boolean);
  if (parts.length === 3) return { building: parts[0]!, unit: parts[1]!, room: parts[2]! };
  if (parts.length === 2) return { building: parts[0]!, unit: '', room: parts[1]! };
  return null;
}
