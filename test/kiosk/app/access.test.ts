// Who may call what: a volunteer cannot export or reveal, manager calls always need a manager session, the LAN needs a
// sign-in for everything, and setup happens once, on the kiosk itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Access } from '../../../src/common/contract/console.ts';
import { methods } from '../../../src/common/contract/methods.ts';
import { seedEntries } from '../../support/seed-entries.ts';
import { startConsoleCore, type ConsoleHarness } from '../../support/console-core.ts';

const DAY = '2026-03-02';
let h: ConsoleHarness;

beforeAll(async () => {
  h = await startConsoleCore();
  seedEntries(h.dataDir, { days: [DAY], perDay: 50 });
});
afterAll(() => h?.close());

const filter = { from: DAY };

describe('access', () => {
  it('declares an access level for every method, and the console methods need a manager', () => {
    const accessOf = (name: string) => (methods as Record<string, { access: unknown }>)[name]!.access;
    for (const name of Object.keys(methods)) expect(Access.options).toContain(accessOf(name));
    for (const name of ['log.query', 'log.reveal', 'export.log', 'stats.summary', 'audit.list', 'accounts.create', 'retention.purge']) expect(accessOf(name)).toBe('manager');
    expect(accessOf('entries.record')).toBe('volunteer');
    expect(accessOf('gate.override.authorize')).toBe('manager-or-credentials');
  });

  it.each([
    ['export.log', { filter, format: 'csv' }],
    ['log.reveal', { id: 'x', reason: 'curious about it' }],
    ['log.query', { filter }],
    ['audit.list', {}],
  ])('refuses %s to a volunteer session, and without any session even on the kiosk screen', async (method, input) => {
    const volunteer = await h.signIn('li', { password: 'volunteer-pass' });
    expect(await h.result(method, input, volunteer)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await h.result(method, input, { via: 'ipc' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await h.result(method, input, { via: 'http-loopback' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('lets a manager query, reveal with a reason and export, and audits the reveal and the export', async () => {
    const manager = await h.signIn('wang', { password: 'manager-pass' });
    const page = await h.call<{ total: number; rows: Array<{ id: string; name: string }> }>('log.query', { filter, limit: 5 }, manager);
    expect(page.total).toBe(50);
    expect(page.rows[0]!.name).toContain('*');
    const revealed = await h.call<{ name: string }>('log.reveal', { id: page.rows[0]!.id, reason: '社区流调需要' }, manager);
    expect(revealed.name).not.toContain('*');
    await h.call('export.log', { filter, format: 'csv' }, manager);
    const audit = await h.call<{ records: Array<{ action: string; actor: string; detail: Record<string, unknown> }> }>('audit.list', {}, manager);
    expect(audit.records.slice(0, 2)).toMatchObject([
      { action: 'export', actor: 'wang', detail: { rows: 50, format: 'csv' } },
      { action: 'reveal', actor: 'wang', detail: { reason: '社区流调需要' } },
    ]);
  });

  it('refuses a reveal without a real reason', async () => {
    const manager = await h.signIn('wang', { password: 'manager-pass' });
    expect(await h.result('log.reveal', { id: 'x', reason: '' }, manager)).toMatchObject({ ok: false, error: { code: 'bad-input' } });
  });

  it('lets the kiosk screen record without sign-in on 127.0.0.1, but not on the LAN', async () => {
    expect(await h.result('system.info', {}, { via: 'http-loopback' })).toMatchObject({ ok: true });
    expect(await h.result('system.info', {}, { via: 'http-lan' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const volunteer = await h.signIn('li', { password: 'volunteer-pass' }, 'http-lan');
    expect(await h.result('system.info', {}, volunteer)).toMatchObject({ ok: true });
    expect(await h.result('accounts.me', {}, { via: 'http-lan' })).toMatchObject({ ok: true, value: { user: null, signInRequired: true } });
  });

  it('keeps managers from changing managers; only an admin may', async () => {
    const manager = await h.signIn('wang', { password: 'manager-pass' });
    expect(await h.result('accounts.create', { username: 'zhou', displayName: 'Z', role: 'manager', password: 'manager-two' }, manager)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await h.result('accounts.create', { username: 'zhou', displayName: 'Z', role: 'volunteer', pin: '1357' }, manager)).toMatchObject({ ok: true });
  });

  it('sets up once, and never over the LAN', async () => {
    const again = { compoundName: 'X', compoundCode: 'Y', manager: { username: 'evil', displayName: 'E', password: 'password-1' } };
    expect(await h.result('setup.complete', again, { via: 'http-loopback' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await h.call('setup.status', {})).toMatchObject({ needsSetup: false, compoundName: '幸福里', compoundCode: 'XFL-01' });
    const fresh = await startConsoleCore({ setup: false });
    try {
      expect(await fresh.call('setup.status', {})).toMatchObject({ needsSetup: true });
      expect(await fresh.result('setup.complete', again, { via: 'http-lan', peer: 'remote' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    } finally {
      await fresh.close();
    }
  });
});
