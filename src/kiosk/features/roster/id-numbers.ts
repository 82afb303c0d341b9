// ID numbers, phones, plates and household labels: checked, normalised and masked. Pure functions. ID numbers and
// household labels live in src/common (the registry normalises a district watch list the same way).
import { GateError } from '../../../common/contract/errors.ts';

export { householdLabel, maskIdNumber, normaliseIdNumber, parseHouseholdLabel, type IdDocument } from '../../../common/id-number.ts';

export function normalisePhone(raw: string): string {
  const phone = raw.replace(/[\s()-]+/g, '');
  if (!/^\+?\d{5,15}$/.test(phone)) throw new GateError('bad-input', 'A phone number is 5 to 15 digits (a leading + is fine). Ask for it again.', { key: 'phone-shape' });
  return phone;
}

/** 13812341234 -> 138****1234. */
export function maskPhone(phone: string): string {
  if (phone.length <= 6) return phone.slice(0, 1) + '*'.repeat(phone.length - 2) + phone.slice(-1);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}

/** 京A·12345 / 京a 12345 -> 京A12345. */
export function normalisePlate(raw: string): string {
  const plate = raw.replace(/[\s·.\-]+/g, '').toUpperCase();
  if (!/^[\p{Script=Han}A-Z0-9]{5,10}$/u.test(plate)) {
    throw new GateError('bad-input', `"${raw}" is not a plate number: use the characters on the plate (e.g. 京A12345).`, { key: 'plate-shape', params: { plate: raw } });
  }
  return plate;
}

