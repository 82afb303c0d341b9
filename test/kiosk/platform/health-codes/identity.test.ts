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
    ['Gabriele Musterfrau-Gößinger', 'G******* M*****************r'],
    ['Łukasz Żółć', 'Ł***** Ż***'],
    ['Ǆemal', 'Ǆ****'],
    ['Anna\u00a0Maria', 'A*** M****'],
    ['×÷', '×*'],
    ['a×b', 'a*b'],
    ['Zoë 王小明', 'Z** 王*明'],
  ])('%j -> %j', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  // The fast path below U+0250 must mask exactly as the script-table rule does, character by character.
  test('every character below U+0250 in a word is masked as the Unicode script rule masks it', () => {
    const byScript = (word: string) => {
      const chars = [...word];
      if (chars.length <= 1) return word;
      if (chars.length === 2 || /^[\p{Script=Latin}]+$/u.test(word)) return chars[0]! + '*'.repeat(chars.length - 1);
      return chars[0]! + '*'.repeat(chars.length - 2) + chars[chars.length - 1]!;
    };
    const mismatches: string[] = [];
    for (let c = 0x21; c < 0x250; c++) {
      const ch = String.fromCharCode(c);
      if (/\s/.test(ch)) continue;
      for (const word of [`a${ch}b`, `${ch}ab`, `ab${ch}`, `é${ch}`]) if (maskName(word) !== byScript(word)) mismatches.push(`${word}: ${maskName(word)} vs ${byScript(word)}`);
    }
    expect(mismatches).toEqual([]);
  });
});
