// The one authorize(): every access level against every kind of caller, as a table.
import { describe, expect, it } from 'vitest';
import type { Access, User } from '../../../../src/common/contract/console.ts';
import { GateError } from '../../../../src/common/contract/errors.ts';
import { authorize, type AuthorizePorts } from '../../../../src/kiosk/platform/calls/authorize.ts';
import type { Caller } from '../../../../src/kiosk/platform/calls/caller.ts';

const user = (username: string, role: User['role']): User => ({ id: `u-${username}`, username, displayName: username, role });
const sessions: Record<string, User> = { 'volunteer-token': user('li', 'volunteer'), 'manager-token': user('wang', 'manager'), 'admin-token': user('zhao', 'admin') };
const secrets: Record<string, [string, User]> = { wang: ['manager-pass', user('wang', 'manager')], li: ['2468', user('li', 'volunteer')] };
const checked: string[] = [];
const ports: AuthorizePorts = {
  resolveSession: (token) => sessions[token] ?? null,
  verifyCredentials: async ({ username, secret }) => {
    checked.push(username);
    const known = secrets[username];
    if (!known || known[0] !== secret) throw new GateError('forbidden', 'Wrong user name or password.');
    return known[1];
  },
};

const screen: Caller = { via: 'ipc' };
const loopback: Caller = { via: 'http-loopback' };
const lan: Caller = { via: 'http-lan' };
const as = (caller: Caller, token: string): Caller => ({ ...caller, sessionToken: token });
const manager = { manager: { username: 'wang', secret: 'manager-pass' } };

type Row = [string, Access, Caller, unknown, string | null];
// Each row: what happens, the method's access, the caller, the input, and who acts for the call ('!code' for a refusal).
const table: Row[] = [
  ['anyone may call a public method', 'public', lan, {}, null],
  ['a public method still knows who is signed in', 'public', as(lan, 'manager-token'), {}, 'wang'],
  ['the kiosk screen needs no sign-in for volunteer calls', 'volunteer', screen, {}, null],
  ['nor does the browser host on 127.0.0.1', 'volunteer', loopback, {}, null],
  ['on the LAN a volunteer call needs a sign-in', 'volunteer', lan, {}, '!unauthenticated'],
  ['an ended session on the LAN is no sign-in', 'volunteer', as(lan, 'stale-token'), {}, '!unauthenticated'],
  ['any session opens volunteer calls on the LAN', 'volunteer', as(lan, 'volunteer-token'), {}, 'li'],
  ['a manager call needs a session even on the kiosk screen', 'manager', screen, {}, '!unauthenticated'],
  ['a volunteer session cannot make a manager call', 'manager', as(screen, 'volunteer-token'), {}, '!forbidden'],
  ['a manager session can', 'manager', as(loopback, 'manager-token'), {}, 'wang'],
  ['an admin outranks a manager', 'manager', as(lan, 'admin-token'), {}, 'zhao'],
  ['a manager cannot make an admin call', 'admin', as(lan, 'manager-token'), {}, '!forbidden'],
  ['credentials in the input do not open a manager call', 'manager', screen, manager, '!unauthenticated'],
  ['a manager typing their sign-in at the gate', 'manager-or-credentials', screen, manager, 'wang'],
  ['a manager session without credentials', 'manager-or-credentials', as(loopback, 'manager-token'), {}, 'wang'],
  ['credentials win over a volunteer session', 'manager-or-credentials', as(loopback, 'volunteer-token'), manager, 'wang'],
  ["a volunteer's own PIN is not a manager's", 'manager-or-credentials', screen, { manager: { username: 'li', secret: '2468' } }, '!forbidden'],
  ['a wrong password', 'manager-or-credentials', screen, { manager: { username: 'wang', secret: 'guess' } }, '!forbidden'],
  ['nobody at all', 'manager-or-credentials', screen, {}, '!forbidden'],
  ['malformed credentials are no credentials', 'manager-or-credentials', screen, { manager: { username: 'wang' } }, '!forbidden'],
  ['on the LAN credentials alone are not a sign-in', 'manager-or-credentials', lan, manager, '!unauthenticated'],
];

describe('authorize', () => {
  it.each(table)('%s', async (_what, access, caller, input, expected) => {
    const run = () => authorize('some.method', access, caller, input, ports);
    if (expected?.startsWith('!')) {
      const error = await run().then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(GateError);
      expect((error as GateError).code).toBe(expected.slice(1));
      expect((error as GateError).message.length).toBeGreaterThan(10);
    } else {
      expect((await run())?.username ?? null).toBe(expected);
    }
  });

  it('checks credentials once per call, so the slow-down counts each attempt once', async () => {
    checked.length = 0;
    await authorize('gate.override.authorize', 'manager-or-credentials', screen, manager, ports);
    expect(checked).toEqual(['wang']);
  });
});
