// The policy's calls: read it, read its history, and (a manager, signed in or typing their sign-in) save a new version.
import { actorOf } from '../../platform/audit/audit-log.ts';
import type { policyMethods } from '../../../common/contract/methods/policy.ts';
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';
import type { PolicyStore } from './policy-store.ts';

export type PolicyMethod = keyof typeof policyMethods;

export function policyHandlers(store: PolicyStore): HandlersFor<PolicyMethod> {
  return {
    'policy.get': () => store.current(),
    'policy.history': ({ limit }) => ({ versions: store.history(limit) }),
    'policy.update': ({ policy, basedOnVersion, note }, caller) => store.update({ policy, basedOnVersion, note }, actorOf(caller.user)),
  };
}
