// The gate decision: facts in, decision out. The rules applied are exactly the policy's: the four musts (identity
// asked, details recorded, temperature taken, mask checked) and the policy's own rules, each refusal named.
// The core decides with `decide`; the screen asks the same small rules which step comes next, so the two never differ.
import type { Decision, DecisionWarning, Direction, Identity, OverrideRecord, PersonKind, RefusalReason, Temperature } from '../contract/entries.ts';
import type { HealthCodeResult } from '../contract/health-code.ts';
import type { OutgoingCheck, Policy } from '../contract/policy.ts';
import { healthVerdict, requirementFor } from './health-requirements.ts';
import { listedColourReasons, quarantineReasons, type WatchFacts } from './watch-rules.ts';

/** Everything is checked on the way in; on the way out only what the policy lists. */
export function takesCheck(direction: Direction, checksOnTheWayOut: readonly OutgoingCheck[], check: OutgoingCheck): boolean {
  return direction === 'in' || checksOnTheWayOut.includes(check);
}

/** Only a green code goes on to temperature and mask: any other status ends the check at once. */
export function codeEndsCheck(status: HealthCodeResult['status']): boolean {
  return status !== 'green';
}

/** At or above the fever line. */
export function isFever(bodyC: number, feverLineC: number): boolean {
  return bodyC >= feverLineC;
}

export interface DecisionFacts {
  direction: Direction;
  code: HealthCodeResult;
  identity: Identity;
  /** Who the person is to the compound; 'unknown' when neither matched on the roster nor recorded as a visitor. */
  person: { kind: PersonKind };
  temperature: Temperature | null;
  maskWorn: boolean | null;
  at: Date;
  /** Passing outings already recorded for the person's household within the policy's quota period. */
  householdOutings: number;
  /** A manager's authorisation to let the person pass whatever the rules say. */
  override: OverrideRecord | null;
  /** The district watch-list listings in force for the person (watch-rules.ts); absent when none. */
  watch?: WatchFacts | null;
  /** A person without a phone (issue 15): whether the policy's no-code lane admits them; absent for everyone else. */
  noPhoneAllowed?: boolean;
}

export interface GateDecision {
  decision: Decision;
  /** Every rule that refused the person; kept when a manager overrode them. */
  reasons: RefusalReason[];
  overridden: boolean;
  /** What passed but must be said (e.g. a travel flag the policy only warns about). */
  warnings: DecisionWarning[];
}

const codeRefusal: Record<HealthCodeResult['status'], RefusalReason | null> = {
  green: null,
  yellow: 'code-yellow',
  red: 'code-red',
  review: 'code-review',
  invalid: 'code-invalid',
  error: 'code-not-verified',
};

function codeReasons(code: HealthCodeResult, at: Date, policy: Policy): RefusalReason[] {
  const reasons: RefusalReason[] = [];
  const colour = code.status !== 'invalid' && code.status !== 'error';
  // The district's list stands in only for people the no-code lane admits (checked before this).
  if (colour && code.source !== 'district-list' && !policy.acceptedCodeSources.includes(code.source)) reasons.push('code-format-not-accepted');
  const status = codeRefusal[code.status];
  if (status) reasons.push(status);
  if (code.status === 'green' && code.refreshedAt) {
    const ageMs = at.getTime() - Date.parse(code.refreshedAt);
    if (!(ageMs < policy.codeFreshnessMinutes * 60_000)) reasons.push('code-stale');
  }
  return reasons;
}

function holderOf(code: HealthCodeResult): string | undefined {
  return 'holderName' in code ? code.holderName : undefined;
}

export function decide(facts: DecisionFacts, policy: Policy): GateDecision {
  const incoming = facts.direction === 'in';
  const checks = (check: OutgoingCheck) => takesCheck(facts.direction, policy.checksOnTheWayOut, check);
  const warnings: DecisionWarning[] = [];
  const finish = (reasons: RefusalReason[]): GateDecision => {
    const overridden = reasons.length > 0 && facts.override !== null;
    return { decision: reasons.length === 0 || overridden ? 'pass' : 'refuse', reasons, overridden, warnings };
  };

  // Home quarantine on the district's list: going out is refused before anything else is asked.
  const quarantined = quarantineReasons(facts.direction, facts.watch);
  if (quarantined.length) return finish(quarantined);

  // A code that fails ends the check: the person is turned away before temperature and mask. A district-listed
  // colour counts as the code's own, so a printed card is not a free green.
  if (checks('code') && facts.noPhoneAllowed === false) return finish(['no-phone-not-allowed']);
  if (checks('code')) {
    const reasons = [...new Set([...codeReasons(facts.code, facts.at, policy), ...listedColourReasons(facts.watch)])];
    if (reasons.length) return finish(reasons);
  }

  const reasons: RefusalReason[] = [];
  const kind = facts.person.kind;
  // The health facts beside the colour, by the policy's rule for this direction and person kind (issue 16).
  if (checks('code') && facts.code.status === 'green') {
    const health = healthVerdict(facts.code, requirementFor(policy.healthRequirements, facts.direction, kind), facts.at);
    reasons.push(...health.reasons);
    warnings.push(...health.warnings);
  }
  const known = kind !== 'unknown';
  if (!known && !facts.identity.name && !facts.identity.maskedId && !holderOf(facts.code)) reasons.push('identity-missing');
  if (!known) reasons.push('details-missing');
  let fever = false;
  if (checks('temperature')) {
    if (!facts.temperature) reasons.push('temperature-missing');
    else if ((fever = isFever(facts.temperature.bodyC, policy.feverLineC))) reasons.push('fever');
  }
  // A confirmed fever ends the check: the mask is not asked of someone sent to the fever clinic (unless seen missing).
  if (checks('mask') && (facts.maskWorn === false || (facts.maskWorn === null && !fever))) reasons.push('mask-missing');
  if (incoming && kind === 'visitor' && !policy.visitorsAllowed) reasons.push('visitors-not-allowed');
  const quota = policy.outingQuota;
  const countsForQuota = kind === 'resident' || (kind === 'commuter' && quota !== null && !quota.exemptCommuters);
  if (!incoming && quota && countsForQuota && facts.householdOutings >= quota.members) reasons.push('outing-quota');
  return finish(reasons);
}
