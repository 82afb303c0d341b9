// ID numbers, phones, plates and household labels: what is accepted, what is refused with a message, what is shown.
import { describe, expect, it } from 'vitest';
import { householdLabel, maskIdNumber, maskPhone, normaliseIdNumber, normalisePhone, normalisePlate, parseHouseholdLabel } from '../../../../src/kiosk/features/roster/id-numbers.ts';

describe('ID numbers', () => {
  it.each([
    ['110105199003071239', '110105199003071239', 'resident-id'],
    ['11010519491231002x', '11010519491231002X', 'resident-id'],
    ['1101 0519 4912 3100 2X', '11010519491231002X', 'resident-id'],
    ['110105490307123', '110105490307123', 'resident-id-15'],
    ['e12345678', 'E12345678', 'other'],
  ])('accepts %s', (raw, number, document) => {
    expect(normaliseIdNumber(raw)).toEqual({ number, document });
  });

  it.each([
    ['a wrong check character', '110105199003071238', /does not add up/],
    ['17 digits', '11010519900307123', /not possible/],
    ['punctuation', '1101#0519', /18 characters/],
    ['too short', '1234', /18 characters/],
  ])('refuses %s with what to do', (_case, raw, message) => {
    expect(() => normaliseIdNumber(raw)).toThrow(message);
  });

  it.each([
    ['110105199003071239', '1101**********1239'],
    ['110105490307123', '1101*******7123'],
    ['E12345678', 'E1*****78'],
  ])('masks %s as %s', (number, masked) => {
    expect(maskIdNumber(number)).toBe(masked);
  });
});

describe('phones, plates and households', () => {
  it.each([
    ['138 1234 1234', '13812341234', '138****1234'],
    ['+86-138-1234-1234', '+8613812341234', '+86*******1234'],
  ])('phone %s', (raw, normal, masked) => {
    expect(normalisePhone(raw)).toBe(normal);
    expect(maskPhone(normal)).toBe(masked);
  });

  it('refuses a phone that is not one', () => expect(() => normalisePhone('call me')).toThrow(/5 to 15 digits/));

  it.each([
    ['京A·12345', '京A12345'],
    ['京a 12345', '京A12345'],
    ['沪B-D12345', '沪BD12345'],
  ])('plate %s is %s', (raw, plate) => expect(normalisePlate(raw)).toBe(plate));

  it('refuses a plate with symbols', () => expect(() => normalisePlate('A#1')).toThrow(/not a plate/));

  it.each([
    ['3-2-501', { building: '3', unit: '2', room: '501' }],
    ['3 2 501', { building: '3', unit: '2', room: '501' }],
    ['3栋2单元501', { building: '3', unit: '2', room: '501' }],
    ['12-1101', { building: '12', unit: '', room: '1101' }],
    ['501', null],
  ])('household %s', (text, parts) => {
    expect(parseHouseholdLabel(text)).toEqual(parts);
    if (parts) expect(householdLabel(parts.building, parts.unit, parts.room)).toBe(text.includes('栋') || text.includes(' ') ? '3-2-501' : text);
  });
});
