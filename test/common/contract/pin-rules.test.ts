// PINs people pick first are the ones tried first: each pattern refused, ordinary PINs accepted.
import { describe, expect, it } from 'vitest';
import { Pin } from '../../../src/common/contract/console.ts';
import { weakPinReason } from '../../../src/common/contract/pin-rules.ts';

describe('PIN rules', () => {
  it.each([
    ['1234', 'a straight run up'],
    ['4321', 'a straight run down'],
    ['0123', 'a run from zero'],
    ['3456789', 'a long run'],
    ['0000', 'one digit'],
    ['1111', 'one digit'],
    ['88888888', 'one digit, eight times'],
    ['1212', 'a pair repeated'],
    ['123123', 'a triple repeated'],
    ['1122', 'each digit doubled'],
    ['112233', 'each digit doubled'],
    ['2580', 'the keypad column'],
    ['5201', '"I love you"'],
  ])('refuses %s (%s)', (pin) => {
    expect(weakPinReason(pin)).toMatch(/too easy to guess/);
    expect(Pin.safeParse(pin).success).toBe(false);
  });

  it.each(['3071', '5826', '7390', '246810', '2468', '8052', '19650412'])('accepts %s', (pin) => {
    expect(weakPinReason(pin)).toBeNull();
    expect(Pin.safeParse(pin).success).toBe(true);
  });

  it('says what is wrong with a PIN that is not 4 to 8 digits, once', () => {
    const parsed = Pin.safeParse('12a');
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.message)).toEqual(['4 to 8 digits']);
  });
});
