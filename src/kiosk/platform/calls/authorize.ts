// Who may call what, in one place. A contract entry declares `access` (see Access in src/contract/console.ts); entries
// written before access existed are listed here. Anything declared nowhere needs a manager: a new method is closed
// until its author opens it.
//
// The rule: public → anyone. volunteer → the kiosk screen (Electron, or the browser host on 127.0.0.1) without sign-in;
// on the LAN any signed-in account. manager / admin → a session of that role or higher, on every transport.
import type { Access, Role } from '../../../common/contract/console.ts';
import { GateError } from '../../../common/contract/errors.ts';
import { methods, type MethodName } from '../../../common/contract/methods.ts';
import type { Caller } from './dispatcher.ts';

const RANK: Record<Role, number> = { volunteer: 1, manager: 2, admin: 3 };

/** Methods declared before `access` was part of a contract entry. Prefer `access` on the entry for new methods. */
const LEGACY_ACCESS: Readonly<Record<string, Access>> = {
  'system.info': 'volunteer',
  'codes.verify': 'volunteer',
  'entries.record': 'volunteer',
  'entries.today': 'volunteer',
  'thermometer.measure': 'volunteer',
  'devices.status': 'volunteer',
  'sim.thermometer.scenario': 'volunteer',
  'gate.status': 'volunteer',
  'gate.match': 'volunteer',
  // Checks a manager's credentials itself: the kiosk screen has no manager session.
  'gate.override.authorize': 'volunteer',
  'shifts.current': 'volunteer',
  'shifts.signOn': 'volunteer',
  'shifts.summary': 'volunteer',
  'shifts.handOver': 'volunteer',
  'policy.get': 'volunteer',
  'policy.history': 'manager',
  // Takes a manager's credentials in its input when the caller has no manager session.
  'policy.update': 'volunteer',
  'roster.residents.find': 'volunteer',
  'roster.vehicles.find': 'volunteer',
  'roster.visitors.find': 'volunteer',
  'roster.visitors.register': 'volunteer',
  // The volunteer sees what is waiting for the registry and may push it before closing the gate.
  'sync.status': 'volunteer',
  'sync.flush': 'volunteer',
};

export function accessOf(method: MethodName | string): Access {
  const spec = (methods as Record<string, { access?: Access }>)[method];
  return spec?.access ?? LEGACY_ACCESS[method] ?? 'manager';
}

export interface CallerUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}

/** Throws when the caller may not call the method; `user` is the caller's resolved session (or none). */
export function checkAccess(method: string, caller: Caller, user: CallerUser | null): void {
  const access = accessOf(method);
  if (access === 'public') return;
  if (access === 'volunteer') {
    if (caller.via === 'http-lan' && !user) throw new GateError('unauthenticated', 'Sign in first: on the network every call needs an account.');
    return;
  }
  if (!user) {
    throw new GateError('unauthenticated', caller.sessionToken ? 'Your sign-in has ended (timed out or signed out). Sign in again.' : `Sign in as a ${access} to do this.`);
  }
  if (RANK[user.role] < RANK[access]) throw new GateError('forbidden', `A ${user.role} account cannot do this (${method} needs a ${access}). Ask a ${access}.`);
}
