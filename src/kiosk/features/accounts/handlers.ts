// The accounts and audit calls. Managers administer volunteers; only an admin changes managers and admins.
import { actorOf, listAudit } from '../../platform/audit/audit-log.ts';
import type { Role } from '../../../common/contract/console.ts';
import { GateError } from '../../../common/contract/errors.ts';
import type { accountMethods } from '../../../common/contract/methods/accounts.ts';
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';
import { attemptSourceOf, type Caller } from '../../platform/calls/caller.ts';
import type { Db } from '../../platform/store/open-store.ts';
import type { Accounts } from './accounts.ts';

export type AccountMethod = keyof typeof accountMethods;

function mayAdminister(caller: Caller, targetRole: Role): void {
  if (caller.user?.role === 'admin') return;
  if (targetRole !== 'volunteer') throw new GateError('forbidden', 'Only an admin can create or change manager and admin accounts.', { key: 'admin-for-managers' });
}

export function accountHandlers(deps: { db: Db; accounts: Accounts; signInRequired: (caller: Caller) => boolean }): HandlersFor<AccountMethod> {
  const { accounts } = deps;
  return {
    'accounts.signIn': ({ username, password, pin }, caller) => accounts.signIn({ username, password, pin }, attemptSourceOf(caller)),
    'accounts.signOut': (_input, caller) => {
      const signedIn = Boolean(caller.user);
      accounts.signOut(caller.sessionToken, actorOf(caller.user));
      return { signedOut: signedIn };
    },
    'accounts.me': (_input, caller) => ({ user: caller.user ?? null, signInRequired: deps.signInRequired(caller) }),
    'accounts.list': () => ({ users: accounts.listUsers() }),
    'accounts.create': (input, caller) => {
      mayAdminister(caller, input.role);
      return accounts.createUser(input, actorOf(caller.user));
    },
    'accounts.update': ({ id, ...changes }, caller) => {
      const target = accounts.findUser(id);
      mayAdminister(caller, target.role);
      if (changes.role) mayAdminister(caller, changes.role);
      return accounts.updateUser(id, changes, actorOf(caller.user));
    },
    'accounts.unlock': ({ id }, caller) => {
      mayAdminister(caller, accounts.findUser(id).role);
      return accounts.unlock(id, actorOf(caller.user));
    },
    'audit.list': ({ action, actor, beforeSeq, limit }) => ({ records: listAudit(deps.db, { action, actor, beforeSeq, limit }) }),
  };
}
