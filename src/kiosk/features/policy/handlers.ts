// The policy's calls: read it, read its history, and (managers) save a new version.
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';
import { actorFor, type Access } from '../accounts/gate-access.ts';
import type { PolicyStore } from './policy-store.ts';

export function policyHandlers(deps: { store: PolicyStore; access: Access }): HandlersFor<'policy.get' | 'policy.history' | 'policy.update'> {
  return {
    'policy.get': () => deps.store.current(),
    'policy.history': ({ limit }) => ({ versions: deps.store.history(limit) }),
    'policy.update': ({ policy, basedOnVersion, note, manager }, caller) => {
      const actor = actorFor(deps.access.manager(caller, manager));
      return deps.store.update({ policy, basedOnVersion, note }, actor);
    },
  };
}
