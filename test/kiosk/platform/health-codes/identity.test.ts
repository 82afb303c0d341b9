// The holder's masked name: the ASCII fast path and the general path give the same masks.
import { describe, expect, test } from 'vitest';
import { maskName } from '../../../../src/kiosk/platform/health-codes/identity.ts';

describe('maskName', () => {
  test.each([
    ['Anna Schmidt', 'A*** S******'],
    ['GABRIELE MUSTERFRAU', 'G******* M*********'],
    [' Anna ', 'A***'],
    ['Anna  Schmidt', 'A*** S******'],
    ['Anna\tSchmidt', 'A*** S******'],
    ['A', 'A'],
    ['Ab', 'A*'],
    ['', ''],
    ['Jan-Erik', 'J******k'],
    ["O'Brien", 'O*****n'],
    ['Müller', 'M*****'],
    ['Zoë Anna', 'Z** A***'],
    ['张三', '张*'],
    ['王小明', '王*明'],
    ['a1b', 'a*b'],
  ])('%j -> %j', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});
