import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLoneKeys } from '../../../../renderer/features/checkpoint/lone-keys.ts';

describe('lone keys: a shortcut is a key no other key is near', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it.each([
    // keys pressed (key@ms), bindings, what acted
    { name: 'a lone key acts after the lone time', keys: [['1', 1000]], acted: ['1'] },
    { name: 'a key followed at once by another is a burst', keys: [['1', 1000], ['2', 1030]], acted: [] },
    { name: 'two keys far apart both act', keys: [['1', 1000], ['2', 1400]], acted: ['1', '2'] },
    { name: 'an unbound key does nothing', keys: [['x', 1000]], acted: [] },
    { name: 'a gloved bounce (the same key 110 ms later) acts once', keys: [['1', 1000], ['1', 1110]], acted: ['1'] },
    { name: 'a key held down (repeats 33 ms apart) acts once', keys: [['1', 1000], ['1', 1033], ['1', 1066], ['1', 1099]], acted: ['1'] },
    { name: 'a bounce followed at once by another key is a burst', keys: [['1', 1000], ['1', 1110], ['2', 1130]], acted: [] },
    { name: 'the same key inside a burst is no bounce', keys: [['2', 1000], ['1', 1010], ['1', 1020]], acted: [] },
  ] as const)('$name', ({ keys, acted }) => {
    const done: string[] = [];
    const lone = createLoneKeys(150);
    lone.bind({ '1': () => done.push('1'), '2': () => done.push('2') });
    let now = 0;
    for (const [key, at] of keys) {
      vi.advanceTimersByTime(at - now);
      now = at;
      lone.press(key, at, false);
    }
    vi.advanceTimersByTime(1000);
    expect(done).toEqual(acted);
  });

  it('keeps a waiting key when the screen re-renders with new bindings (a status update mid-key)', () => {
    const done: string[] = [];
    const lone = createLoneKeys(150);
    lone.bind({ '1': () => done.push('first') });
    expect(lone.press('1', 1000, false)).toBe(true);
    vi.advanceTimersByTime(50);
    lone.bind({ '1': () => done.push('second') });
    vi.advanceTimersByTime(200);
    expect(done).toEqual(['first']);
  });

  it('drops a waiting key when its step goes away', () => {
    const done: string[] = [];
    const lone = createLoneKeys(150);
    lone.bind({ '1': () => done.push('1') });
    lone.press('1', 1000, false);
    lone.dispose();
    vi.advanceTimersByTime(500);
    expect(done).toEqual([]);
  });

  it('leaves keys typed into a field to the field', () => {
    const done: string[] = [];
    const lone = createLoneKeys(150);
    lone.bind({ '1': () => done.push('1') });
    expect(lone.press('1', 1000, true)).toBe(false);
    vi.advanceTimersByTime(500);
    expect(done).toEqual([]);
  });
});
