// The policy in force, versioned and audited; the district's policy documents become new versions.
import type { Policy } from '../../../common/contract/policy.ts';
import type { Audit } from '../../platform/audit/audit-log.ts';
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';
import type { Db } from '../../platform/store/open-store.ts';
import type { LocalDownlink } from '../sync/kiosk-state.ts';
import { applyDistrictPolicy } from './district-policy.ts';
import { policyHandlers, type PolicyMethod } from './handlers.ts';
import { createPolicyStore, type PolicyStore } from './policy-store.ts';

export type { PolicyMethod } from './handlers.ts';

export interface PolicyFeature {
  handlers: HandlersFor<PolicyMethod>;
  store: PolicyStore;
  /** Applies the district's policy document as last downlinked, if it is newer and valid. */
  applyDistrict(doc: LocalDownlink | null): void;
}

export function createPolicyFeature(deps: { db: Db; configPolicy: Policy; audit: Audit; now: () => Date; log: (message: string) => void }): PolicyFeature {
  const store = createPolicyStore(deps);
  return {
    handlers: policyHandlers(store),
    store,
    applyDistrict: (doc) => void applyDistrictPolicy(store, doc, deps.log),
  };
}
