// What the health facts beside a green colour must show: the policy's requirement for this direction and person kind,
// the age of the last test, and every rule that fails. The core decides with these; the screen colours the test age
// with the same functions, so the two never differ.
import type { DecisionWarning, Direction, PersonKind, RefusalReason } from '../contract/entries.ts';
import type { HealthFacts, NucleicAcidTest, TestAgeBand } from '../contract/health-code.ts';
import { HealthRequirement, type HealthRequirementRule } from '../contract/policy.ts';

/** Nothing required; a travel flag is still said out loud. */
export const NO_REQUIREMENT: HealthRequirement = HealthRequirement.parse({});

/** The first rule that names this direction and person kind, else nothing required. */
export function requirementFor(rules: readonly HealthRequirementRule[], direction: Direction, kind: PersonKind): HealthRequirement {
  return rules.find((r) => r.directions.includes(direction) && r.personKinds.includes(kind)) ?? NO_REQUIREMENT;
}

/**
 * Before the person is known (the code is scanned first), the strictest test age among the rules for this direction:
 * the screen colours the test age against it, so green on screen never promises more than the decision gives.
 */
export function strictestTestAge(rules: readonly HealthRequirementRule[], direction: Direction): number | null {
  const hours = rules.filter((r) => r.directions.includes(direction)).map((r) => r.maxTestAgeHours).filter((h): h is number => h !== null);
  return hours.length === 0 ? null : Math.min(...hours);
}

/** The upper end of each band a volunteer can record: the age counted is the worst the band allows. */
export const BAND_HOURS: Record<TestAgeBand, number | null> = { '24h': 24, '48h': 48, '72h': 72, older: null };

const HOUR_MS = 3_600_000;

/**
 * Hours from sampling to `at`. A band is what the phone said at the gate ("within 48 h" meets a 48 h limit), so it
 * counts as its upper end without ageing; a bare hour count from a source ages from the check; Infinity when only
 * "older than 72 h" is known.
 */
export function testAgeHours(test: NucleicAcidTest, checkedAt: string, at: Date): number {
  if (test.sampledAt !== undefined) return Math.max(0, (at.getTime() - Date.parse(test.sampledAt)) / HOUR_MS);
  if (test.hoursAgo === null) return Number.POSITIVE_INFINITY;
  if (test.band !== undefined) return test.hoursAgo;
  return test.hoursAgo + Math.max(0, at.getTime() - Date.parse(checkedAt)) / HOUR_MS;
}

/** Whole hours from sampling to the check, as a source reports it (a band: its upper end; null: older than 72 h). */
export function hoursAgoAt(sampledAt: string, checkedAt: Date): number {
  return Math.max(0, Math.floor((checkedAt.getTime() - Date.parse(sampledAt)) / HOUR_MS));
}

/** How a test age stands against a maximum, for the colour on screen: within, within the last 4 hours of it, over, none. */
export type TestStanding = 'within' | 'closing' | 'over' | 'no-limit';

export function testStanding(ageHours: number, maxHours: number | null): TestStanding {
  if (maxHours === null) return 'no-limit';
  if (!(ageHours <= maxHours)) return 'over';
  return ageHours > maxHours - 4 ? 'closing' : 'within';
}

export interface HealthVerdict {
  reasons: RefusalReason[];
  warnings: DecisionWarning[];
}

function antigenStandsIn(facts: HealthFacts, checkedAt: string, at: Date, maxHours: number): boolean {
  const antigen = facts.antigen;
  if (!antigen || antigen.result !== 'negative' || antigen.testedAt === undefined) return false;
  return Math.max(0, (at.getTime() - Date.parse(antigen.testedAt)) / HOUR_MS) <= maxHours;
}

/**
 * Every health rule the facts fail, in a fixed order. A positive test refuses whatever the policy says; the rest
 * only when the requirement asks for it. A band or a missing time counts against the person: never green by guess.
 */
export function healthVerdict(facts: HealthFacts & { checkedAt: string }, requirement: HealthRequirement, at: Date): HealthVerdict {
  const reasons: RefusalReason[] = [];
  const warnings: DecisionWarning[] = [];
  const test = facts.nucleicAcid;
  if (test?.result === 'positive') reasons.push('test-positive');
  if (facts.antigen?.result === 'positive') reasons.push('antigen-positive');
  const max = requirement.maxTestAgeHours;
  if (max !== null && test?.result !== 'positive') {
    const fresh = test !== undefined && testAgeHours(test, facts.checkedAt, at) <= max;
    const standIn = requirement.antigenSubstitutes && antigenStandsIn(facts, facts.checkedAt, at, max);
    if (!fresh && !standIn) reasons.push(test === undefined ? 'test-missing' : 'test-too-old');
  }
  if (requirement.minDoses > 0 && (facts.vaccination?.doses ?? 0) < requirement.minDoses) reasons.push('doses-missing');
  if (facts.travelFlag === true) {
    if (requirement.travelFlag === 'refuse') reasons.push('travel-flag');
    else if (requirement.travelFlag === 'warn') warnings.push('travel-flag');
  }
  return { reasons, warnings };
}
