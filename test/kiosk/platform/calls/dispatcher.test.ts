import { describe, expect, it } from 'vitest';
import { GateError } from '../../../../src/common/contract/errors.ts';
import { DEFAULT_WEDGE_OPTIONS } from '../../../../src/common/keyboard-wedge.ts';
import { Policy } from '../../../../src/common/contract/policy.ts';
import type { AuthorizePorts } from '../../../../src/kiosk/platform/calls/authorize.ts';
import { createDispatcher, type Handlers } from '../../../../src/kiosk/platform/calls/dispatcher.ts';

/** Nobody is signed in: only the kiosk screen's own calls go through. */
const nobody: AuthorizePorts = {
  resolveSession: () => null,
  verifyCredentials: async () => {
    throw new GateError('forbidden', 'Wrong user name or password.');
  },
};

const info = { compoundName: 'A', version: '1', timeZone: 'Asia/Shanghai', policy: Policy.parse({ feverLineC: 37.3 }), simulatedDevices: true, dataDir: '/d', scanner: { mode: 'wedge' as const, wedge: { ...DEFAULT_WEDGE_OPTIONS } } };

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const unused = () => {
    throw new Error('not called in this test');
  };
  return {
    'system.info': () => info,
    'codes.verify': unused,
    'entries.record': unused,
    'entries.today': ({ limit }) => ({ entries: [], total: limit }),
    'thermometer.measure': unused,
    'devices.status': () => [],
    'sim.thermometer.scenario': unused,
    ...overrides,
    // Other capabilities' methods are not called here; the cast keeps this table from listing every one.
  } as Handlers;
}

describe('dispatcher', () => {
  it('answers a known method with an ok value', async () => {
    expect(await createDispatcher(handlers(), nobody)('system.info', {})).toEqual({ ok: true, value: info });
  });

  it('applies input defaults before calling the handler', async () => {
    expect(await createDispatcher(handlers(), nobody)('entries.today', {})).toEqual({ ok: true, value: { entries: [], total: 50 } });
  });

  it.each([
    ['an unknown method', 'entries.delete', {}, 'unknown-method', /no method "entries\.delete"/],
    ['a prototype key as method', '__proto__', {}, 'unknown-method', /no method/],
    ['wrong types', 'entries.today', { limit: 'ten' }, 'bad-input', /limit/],
    ['an unknown field in a strict input', 'system.info', { extra: 1 }, 'bad-input', /system\.info/],
    ['an out-of-range value', 'entries.today', { limit: 100000 }, 'bad-input', /limit/],
  ])('refuses %s with a message', async (_case, method, input, code, message) => {
    const result = await createDispatcher(handlers(), nobody)(method, input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message).toMatch(message);
    }
  });

  it('passes a GateError through as its code and message', async () => {
    const dispatch = createDispatcher(handlers({ 'devices.status': () => { throw new GateError('device', 'Thermometer unplugged. Plug it in.'); } }), nobody);
    expect(await dispatch('devices.status', {})).toEqual({ ok: false, error: { code: 'device', message: 'Thermometer unplugged. Plug it in.' } });
  });

  it('hides an unexpected exception behind an internal error and logs it', async () => {
    const logged: string[] = [];
    const dispatch = createDispatcher(handlers({ 'devices.status': () => { throw new TypeError('boom'); } }), nobody, (m) => logged.push(m));
    const result = await dispatch('devices.status', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('boom');
    expect(logged).toEqual(['devices.status failed']);
  });

  it('refuses a caller the method is not open to before reading its input', async () => {
    const dispatch = createDispatcher(handlers({ 'log.query': () => { throw new Error('must not run'); } }), nobody);
    expect(await dispatch('log.query', { filter: 'not even a filter' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await dispatch('entries.today', {}, { via: 'http-lan' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('ignores a user a host put on the caller: only a session or credentials name one', async () => {
    let seen: unknown = 'not called';
    const dispatch = createDispatcher(handlers({ 'entries.today': (_input, caller) => ((seen = caller.user), { entries: [], total: 0 }) }), nobody);
    await dispatch('entries.today', {}, { via: 'ipc', user: { id: 'x', username: 'forged', displayName: 'Forged', role: 'admin' } });
    expect(seen).toBeUndefined();
  });

  it('refuses a handler answer that breaks the output contract', async () => {
    const dispatch = createDispatcher(handlers({ 'devices.status': () => [{ kind: 'toaster' }] as never }), nobody, () => {});
    expect(await dispatch('devices.status', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('answers a full disk met by any call with its own words, not "failed unexpectedly" (issue 14)', async () => {
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    const dispatch = createDispatcher(handlers({ 'entries.today': () => { throw full; } }), nobody, () => {});
    expect(await dispatch('entries.today', {})).toEqual({ ok: false, error: { code: 'storage', key: 'disk-full-not-saved', message: expect.stringMatching(/^The disk is full, so entries\.today was NOT saved\. Free disk space/) } });
  });
});
