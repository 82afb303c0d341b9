// Accounts and sessions, and the audit log's reader. Also what the call plumbing needs to know who is calling.
import type { AuthorizePorts } from '../../platform/calls/authorize.ts';
import { attemptSourceOf } from '../../platform/calls/caller.ts';
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';
import { createAccounts, type Accounts, type AccountsDeps } from './accounts.ts';
import { accountHandlers, type AccountMethod } from './handlers.ts';

export type { AccountMethod } from './handlers.ts';
export type { AttemptSource } from './accounts.ts';

export interface AccountsFeature {
  handlers: HandlersFor<AccountMethod>;
  accounts: Accounts;
  authorizePorts: AuthorizePorts;
}

export function createAccountsFeature(deps: AccountsDeps): AccountsFeature {
  const accounts = createAccounts(deps);
  return {
    accounts,
    // On the network every call needs a sign-in; the kiosk's own screen needs one only for the console.
    handlers: accountHandlers({ db: deps.db, accounts, signInRequired: (caller) => caller.via === 'http-lan' }),
    authorizePorts: {
      resolveSession: (token) => accounts.resolveSession(token),
      verifyCredentials: ({ username, secret }, caller) => accounts.verifySecret(username, secret, attemptSourceOf(caller)),
    },
  };
}
