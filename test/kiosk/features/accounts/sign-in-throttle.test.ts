// The slow-down as a table: free attempts, doubling waits with a cap, per source and per name, forgetting, unlocking.
import { describe, expect, it } from 'vitest';
import { createSignInThrottle, DEFAULT_THROTTLE } from '../../../../src/kiosk/features/accounts/sign-in-throttle.ts';

function throttle() {
  const clock = { t: 1_000_000 };
  return { clock, th: createSignInThrottle(DEFAULT_THROTTLE, () => clock.t) };
}

describe('sign-in throttle', () => {
  it.each([
    [5, null],
    [6, 1000],
    [7, 2000],
    [8, 4000],
    [13, 128_000],
    [14, 256_000],
    [15, 300_000],
    [40, 300_000],
  ])('after %i failures for one name from one source the next attempt waits %s ms', (failures, waitMs) => {
    const { th } = throttle();
    for (let i = 0; i < failures; i++) th.failed('10.0.0.9', 'admin');
    expect(th.wait('10.0.0.9', 'admin')?.waitMs ?? null).toBe(waitMs);
    // The same name from anywhere else, and the kiosk's own screen, go at once.
    expect(th.wait('10.0.0.8', 'admin')).toBeNull();
    expect(th.wait('kiosk-screen', 'admin')).toBeNull();
  });

  it('counts names case-insensitively, and a source trying many names as one', () => {
    const { th } = throttle();
    for (let i = 0; i < 6; i++) th.failed('10.0.0.9', i % 2 ? 'Admin' : 'admin ');
    expect(th.wait('10.0.0.9', 'ADMIN')?.by).toBe('name');
    for (let i = 0; i < 21; i++) th.failed('10.0.0.7', `name-${i}`);
    expect(th.wait('10.0.0.7', 'someone-new')).toMatchObject({ by: 'source', waitMs: 1000 });
  });

  it('forgets after an hour without failures, starts a name afresh on success, and clears on unlock', () => {
    const { th, clock } = throttle();
    for (let i = 0; i < 10; i++) th.failed('10.0.0.9', 'admin');
    expect(th.slowedNames()).toEqual(new Set(['admin']));
    clock.t += 3600_001;
    expect(th.wait('10.0.0.9', 'admin')).toBeNull();
    for (let i = 0; i < 6; i++) th.failed('10.0.0.9', 'admin');
    th.succeeded('10.0.0.9', 'admin');
    expect(th.wait('10.0.0.9', 'admin')).toBeNull();
    for (let i = 0; i < 25; i++) th.failed('10.0.0.9', 'admin');
    th.clear('ADMIN');
    expect(th.wait('10.0.0.9', 'admin')).toBeNull();
    expect(th.slowedNames().size).toBe(0);
  });

  it('keeps at most maxKeys counters, whatever is sprayed at it', () => {
    const clock = { t: 0 };
    const th = createSignInThrottle({ ...DEFAULT_THROTTLE, maxKeys: 100 }, () => clock.t);
    for (let i = 0; i < 5000; i++) th.failed(`10.0.${i % 250}.1`, `n${i}`);
    expect(th.slowedNames().size).toBeLessThanOrEqual(100);
  });
});
