// The gate decision: facts in, decision out. Only a verified green code proceeds to the other checks.
import type { Decision, Identity, RefusalReason, Temperature } from '../contract/entries.ts';
import type { HealthCodeResult } from '../contract/health-code.ts';
import type { Policy } from '../contract/policy.ts';

export interface DecisionFacts {
  code: HealthCodeResult;
  identity: Identity;
  temperature: Temperature | null;
  maskWorn: boolean | null;
}

export interface GateDecision {
  decision: Decision;
  reasons: RefusalReason[];
}

const codeRefusal: Record<HealthCodeResult['status'], RefusalReason | null> = {
  green: null,
  yellow: 'code-yellow',
  red: 'code-red',
  review: 'code-review',
  invalid: 'code-invalid',
  error: 'code-not-verified',
};

export function decide(facts: DecisionFacts, policy: Policy): GateDecision {
  const codeReason = codeRefusal[facts.code.status];
  // A code that is not green ends the check: the person is turned away before temperature and mask.
  if (codeReason) return { decision: 'refuse', reasons: [codeReason] };

  const reasons: RefusalReason[] = [];
  const holderName = 'holderName' in facts.code ? facts.code.holderName : undefined;
  if (!facts.identity.name && !facts.identity.maskedId && !holderName) reasons.push('identity-missing');
  if (!facts.temperature) reasons.push('temperature-missing');
  else if (facts.temperature.bodyC >= policy.feverLineC) reasons.push('fever');
  if (facts.maskWorn !== true) reasons.push('mask-missing');
  return { decision: reasons.length ? 'refuse' : 'pass', reasons };
}
