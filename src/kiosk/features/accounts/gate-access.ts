// Who may do what, as the gate's services need it: a manager's authority (session or credentials), a volunteer's
// PIN, and the audit trail. Built on the accounts and audit capabilities; services depend only on this port.
import type { Accounts, SessionUser } from './accounts.ts';
import { atLeast } from './accounts.ts';
import { recordAudit, type Actor, type AuditInput } from '../../platform/audit/audit-log.ts';
import { GateError } from '../../../common/contract/errors.ts';
import type { Caller } from '../../platform/calls/dispatcher.ts';
import type { Db } from '../../platform/store/open-store.ts';

export type { Actor };

export interface Access {
  /** The manager behind the caller's session or the given credentials; throws GateError('forbidden') otherwise. */
  manager(caller: Caller, credentials?: { username: string; secret: string }): SessionUser;
  /** The volunteer with this user name and PIN (managers may stand at the gate too). */
  volunteer(username: string, pin: string): SessionUser;
  audit(input: AuditInput): void;
}

export const actorFor = (user: SessionUser): Actor => ({ name: user.username, role: user.role });

// A PIN is digits only; anything else is a password. One attempt per call, so lockout counts stay honest.
const asCredentials = (username: string, secret: string) => (/^\d{4,8}$/.test(secret) ? { username, pin: secret } : { username, password: secret });

export function createAccess(deps: { db: Db; accounts: Accounts; now: () => Date }): Access {
  const { accounts } = deps;
  function requireManager(user: SessionUser): SessionUser {
    if (!atLeast(user.role, 'manager')) throw new GateError('forbidden', `${user.displayName} is a ${user.role}; a manager must authorise this.`);
    return user;
  }
  return {
    manager(caller, credentials) {
      if (credentials) return requireManager(accounts.verifyCredential(asCredentials(credentials.username, credentials.secret)));
      const user = accounts.resolveSession(caller.sessionToken);
      if (!user) throw new GateError('forbidden', 'Only a manager can do this. Sign in as a manager, or ask one to.');
      return requireManager(user);
    },
    volunteer(username, pin) {
      return accounts.verifyCredential({ username, pin });
    },
    audit(input) {
      recordAudit(deps.db, input, deps.now());
    },
  };
}
