// Every word in the chosen language: both languages have every key, filled in, with the same {placeholders}; every
// refusal reason has its words and its advice in both.
import { describe, expect, it } from 'vitest';
import { RefusalReason } from '../../../src/common/contract/entries.ts';
import { en, zh, type MessageKey } from '../../../renderer/i18n/messages.ts';
import { adviceFor, reasonKey } from '../../../renderer/i18n/reasons.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const keys = Object.keys(zh) as MessageKey[];

describe('messages', () => {
  it('have the same keys in both languages', () => expect(Object.keys(en).sort()).toEqual([...keys].sort()));

  it.each(keys)('%s is filled in, with the same placeholders, in both', (key) => {
    expect(zh[key].trim()).not.toBe('');
    expect(en[key].trim()).not.toBe('');
    expect(placeholders(en[key])).toEqual(placeholders(zh[key]));
  });

  it('say Chinese in Chinese: no message is left in English there', () => {
    // The language switch names the other language, so it is English on the Chinese screen on purpose.
    const other = new Set<MessageKey>(['language']);
    const englishOnly = keys.filter((key) => !other.has(key) && /^[\x20-\x7e]+$/.test(zh[key]) && /[a-z]{3,}/i.test(zh[key]) && zh[key] !== en[key]);
    expect(englishOnly).toEqual([]);
  });
});

describe('refusal reasons', () => {
  it.each(RefusalReason.options)('%s has words in both languages and something to say', (reason) => {
    const key = reasonKey(reason);
    expect(zh[key], key).toBeTruthy();
    expect(en[key], key).toBeTruthy();
    const advice = adviceFor([reason]);
    expect(advice.length, `advice for ${reason}`).toBeGreaterThan(0);
    for (const said of advice) expect(zh[said] && en[said]).toBeTruthy();
  });

  it('gives each kind of advice once, in the order the reasons came', () => {
    expect(adviceFor(['code-red', 'code-stale', 'fever', 'mask-missing'])).toEqual(['say_code', 'say_fever', 'say_mask']);
    expect(adviceFor([])).toEqual([]);
  });
});
