// Who may call what, in one place: the contract entry's `access` (required on every method), applied to the caller.
//
// public → anyone. volunteer → the kiosk screen (Electron, or the browser host on 127.0.0.1) without sign-in; on the LAN
// any signed-in account. manager / admin → a session of that role or higher, on every transport.
// manager-or-credentials → like volunteer on the LAN, then a manager: the credentials given with the call (`manager`
// in the input: the kiosk screen has no manager session) or else the caller's manager session.
import { z } from 'zod';
import type { Access, Role, User } from '../../../common/contract/console.ts';
import { ManagerCredentials } from '../../../common/contract/console.ts';
import { GateError } from '../../../common/contract/errors.ts';
import type { Caller } from './caller.ts';

const RANK: Record<Role, number> = { volunteer: 1, manager: 2, admin: 3 };
export const atLeast = (role: Role, needed: Role): boolean => RANK[role] >= RANK[needed];

export interface AuthorizePorts {
  /** The account behind a session token, or null when unknown, expired or signed out. */
  resolveSession(token: string): User | null;
  /** The account for a user name and password or PIN; counted and audited like a sign-in, rejects with GateError when wrong. */
  verifyCredentials(credentials: ManagerCredentials, caller: Caller): Promise<User>;
}

const GivenManager = z.object({ manager: ManagerCredentials }).loose();

/**
 * The user acting for this call (null when nobody needs to be), or a GateError saying why not and what to do.
 * `input` is the raw input: only its `manager` credentials are read here, the method's schema checks the rest.
 */
export async function authorize(method: string, access: Access, caller: Caller, input: unknown, ports: AuthorizePorts): Promise<User | null> {
  const session = caller.sessionToken ? ports.resolveSession(caller.sessionToken) : null;
  if (access === 'public') return session;
  if (caller.via === 'http-lan' && !session) throw new GateError('unauthenticated', 'Sign in first: on the network every call needs an account.', { key: 'sign-in-first-lan' });
  if (access === 'volunteer') return session;
  if (access === 'manager-or-credentials') {
    const given = GivenManager.safeParse(input);
    const user = given.success ? await ports.verifyCredentials(given.data.manager, caller) : session;
    if (!user) throw new GateError('forbidden', 'Only a manager can do this. Sign in as a manager, or ask one to.', { key: 'manager-must-authorise' });
    if (!atLeast(user.role, 'manager')) throw new GateError('forbidden', `${user.displayName} is a ${user.role}; a manager must authorise this.`, { key: 'role-cannot-authorise', params: { name: user.displayName, role: user.role } });
    return user;
  }
  if (!session) {
    throw new GateError('unauthenticated', caller.sessionToken ? 'Your sign-in has ended (timed out or signed out). Sign in again.' : `Sign in as a ${access} to do this.`, caller.sessionToken ? { key: 'session-ended' } : { key: 'sign-in-as', params: { role: access } });
  }
  if (!atLeast(session.role, access)) throw new GateError('forbidden', `A ${session.role} account cannot do this (${method} needs a ${access}). Ask a ${access}.`, { key: 'role-cannot-do', params: { role: session.role, needs: access } });
  return session;
}
