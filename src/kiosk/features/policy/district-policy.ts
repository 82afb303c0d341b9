// Policy defaults from the district: a newer 'policy' document from the registry becomes a new policy version, audited
// as the district's. The document names the settings it sets; the others keep the compound's current values.
import { z } from 'zod';
import type { Actor } from '../../platform/audit/audit-log.ts';
import { Policy, type PolicyVersion } from '../../../common/contract/policy.ts';
import type { LocalDownlink } from '../sync/kiosk-state.ts';
import type { PolicyStore } from './policy-store.ts';

export const DISTRICT_ACTOR: Actor = { name: 'district registry', role: null };

export type DistrictPolicyOutcome =
  | { applied: true; version: PolicyVersion }
  | { applied: false; reason: string };

/** Builds the policy the document asks for; a document with an unknown setting or a bad value is refused whole. */
export function districtPolicy(current: Policy, content: unknown): { ok: true; policy: Policy } | { ok: false; problem: string } {
  if (content === null || typeof content !== 'object' || Array.isArray(content)) return { ok: false, problem: 'it is not a JSON object of policy settings' };
  const parsed = Policy.strict().safeParse({ ...current, ...content });
  if (!parsed.success) return { ok: false, problem: z.prettifyError(parsed.error).replace(/\s*\n\s*/g, '; ') };
  return { ok: true, policy: parsed.data };
}

export function applyDistrictPolicy(store: PolicyStore, doc: LocalDownlink | null, log: (message: string) => void): DistrictPolicyOutcome {
  // Version 0 is the registry's empty default: the district has published nothing.
  if (!doc || doc.version === 0) return { applied: false, reason: 'the district has not published a policy' };
  const before = store.current();
  const next = districtPolicy(before.policy, doc.content);
  if (!next.ok) {
    const reason = `district policy version ${doc.version} ignored, the kiosk keeps policy version ${before.version}: ${next.problem}. Ask the district to publish a correct one.`;
    log(reason);
    return { applied: false, reason };
  }
  if (JSON.stringify(next.policy) === JSON.stringify(before.policy)) return { applied: false, reason: `district policy version ${doc.version} changes nothing` };
  try {
    const version = store.update({ policy: next.policy, basedOnVersion: before.version, note: `district policy version ${doc.version}` }, DISTRICT_ACTOR);
    log(`district policy version ${doc.version} applied as policy version ${version.version}`);
    return { applied: true, version };
  } catch (error) {
    const reason = `district policy version ${doc.version} could not be saved: ${(error as Error).message}`;
    log(reason);
    return { applied: false, reason };
  }
}
