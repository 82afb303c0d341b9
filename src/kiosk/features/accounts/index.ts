// Accounts and sessions, and the audit log's reader. Also what the call plumbing needs to know who is calling.
import type { AuthorizePorts } from '../../platform/calls/authorize.ts';
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';
import type { Db } from '../../platform/store/open-store.ts';
import { createAccounts, type Accounts } from './accounts.ts';
import { accountHandlers, type AccountMethod } from './handlers.ts';

export type { AccountMethod } from './handlers.ts';

export interface AccountsFeature {
  handlers: HandlersFor<AccountMethod>;
  accounts: Accounts;
  authorizePorts: AuthorizePorts;
}

export function createAccountsFeature(deps: { db: Db; now: () => Date }): AccountsFeature {
  const accounts = createAccounts(deps);
  return {
    accounts,
    // On the network every call needs a sign-in; the kiosk's own screen needs one only for the console.
    handlers: accountHandlers({ db: deps.db, accounts, signInRequired: (caller) => caller.via === 'http-lan' }),
    authorizePorts: {
      resolveSession: (token) => accounts.resolveSession(token),
      verifyCredentials: ({ username, secret }) => accounts.verifySecret(username, secret),
    },
  };
}
