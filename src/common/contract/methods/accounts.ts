import { z } from 'zod';
import { defineMethods } from './define.ts';
import { AuditRecord, Password, Pin, Role, User, UserView, Username } from '../console.ts';

export const accountMethods = defineMethods({
  /** Sign in with a password (or a volunteer's PIN); the token goes with every later call. Failures slow down and lock. Audited. */
  'accounts.signIn': {
    access: 'public',
    input: z.object({ username: z.string().trim().min(1).max(40), password: z.string().min(1).max(200).optional(), pin: z.string().min(1).max(8).optional() }),
    output: z.object({ token: z.string(), user: User, expiresAt: z.string() }),
  },
  /** End the caller's session. */
  'accounts.signOut': { access: 'public', input: z.object({}).strict(), output: z.object({ signedOut: z.boolean() }) },
  /** Who the caller is signed in as (null when not), and whether this transport needs a sign-in for everything. */
  'accounts.me': { access: 'public', input: z.object({}).strict(), output: z.object({ user: User.nullable(), signInRequired: z.boolean() }) },
  /** Every account; managers see all and may change volunteers, admins may change anyone. */
  'accounts.list': { access: 'manager', input: z.object({}).strict(), output: z.object({ users: z.array(UserView) }) },
  /** Create an account. Audited. */
  'accounts.create': {
    access: 'manager',
    input: z.object({ username: Username, displayName: z.string().trim().min(1).max(60), role: Role, password: Password.optional(), pin: Pin.optional() }),
    output: UserView,
  },
  /** Change a name, role, password or PIN, or switch an account off; ends that person's sessions. Audited. */
  'accounts.update': {
    access: 'manager',
    input: z.object({ id: z.string().min(1), displayName: z.string().trim().min(1).max(60).optional(), role: Role.optional(), password: Password.optional(), pin: Pin.nullable().optional(), disabled: z.boolean().optional() }),
    output: UserView,
  },
  /** Unlock an account locked after too many wrong attempts. Audited. */
  'accounts.unlock': { access: 'manager', input: z.object({ id: z.string().min(1) }), output: UserView },
  /** The audit log, newest first; page with beforeSeq. */
  'audit.list': {
    access: 'manager',
    input: z.object({ action: z.string().max(40).optional(), actor: z.string().max(40).optional(), beforeSeq: z.number().int().optional(), limit: z.number().int().min(1).max(1000).default(200) }),
    output: z.object({ records: z.array(AuditRecord) }),
  },
});
