// The health facts beside a green colour, as tables: each test age band at each policy (none, 24, 48, 72, custom),
// antigen standing in, doses, the travel flag refusing or warning, and the rule chosen per direction and person kind.
import { describe, expect, it } from 'vitest';
import type { DecisionFacts } from '../../../src/common/gate-rules/decide.ts';
import { decide } from '../../../src/common/gate-rules/decide.ts';
import type { HealthCodeResult, NucleicAcidTest } from '../../../src/common/contract/health-code.ts';
import { Policy, type HealthRequirementRuleInput } from '../../../src/common/contract/policy.ts';
import {
  healthVerdict,
  NO_REQUIREMENT,
  requirementFor,
  strictestTestAge,
  testAgeHours,
  testStanding,
} from '../../../src/common/gate-rules/health-requirements.ts';

const at = new Date('2022-05-10T08:00:00Z');
const checkedAt = '2022-05-10T07:58:00Z';
const hoursBefore = (h: number) => new Date(at.getTime() - h * 3_600_000).toISOString();
const sampled = (h: number, result: 'negative' | 'positive' = 'negative'): NucleicAcidTest => ({ result, sampledAt: hoursBefore(h), hoursAgo: Math.floor(h) });
const band = (b: '24h' | '48h' | '72h' | 'older'): NucleicAcidTest => ({ result: 'negative', band: b, hoursAgo: { '24h': 24, '48h': 48, '72h': 72, older: null }[b] });
const req = (change: Partial<HealthRequirementRuleInput> = {}) => Policy.parse({ healthRequirements: [change] }).healthRequirements[0]!;
const verdict = (facts: Parameters<typeof healthVerdict>[0] extends infer F ? Omit<F & object, 'checkedAt'> : never, change: Partial<HealthRequirementRuleInput>) =>
  healthVerdict({ checkedAt, ...facts }, req(change), at);

describe('test age at each policy', () => {
  // [what the source gave, none, 24, 48, 72, custom 96] -> refusal (or null when it passes)
  const rows: Array<[string, NucleicAcidTest | undefined, ...Array<string | null>]> = [
    ['sampled 3 h ago', sampled(3), null, null, null, null, null],
    ['sampled 23 h 59 min ago', sampled(23 + 59 / 60), null, null, null, null, null],
    ['sampled exactly 24 h ago', sampled(24), null, null, null, null, null],
    ['sampled 24 h 1 min ago', sampled(24 + 1 / 60), null, 'test-too-old', null, null, null],
    ['sampled 47 h ago', sampled(47), null, 'test-too-old', null, null, null],
    ['sampled 49 h ago', sampled(49), null, 'test-too-old', 'test-too-old', null, null],
    ['sampled 73 h ago', sampled(73), null, 'test-too-old', 'test-too-old', 'test-too-old', null],
    ['sampled 5 days ago', sampled(120), null, 'test-too-old', 'test-too-old', 'test-too-old', 'test-too-old'],
    ['band: within 24 h (what the phone said meets a 24 h limit)', band('24h'), null, null, null, null, null],
    ['band: within 48 h', band('48h'), null, 'test-too-old', null, null, null],
    ['band: within 72 h', band('72h'), null, 'test-too-old', 'test-too-old', null, null],
    ['band: older than 72 h (exact age unknown: fails every limit)', band('older'), null, 'test-too-old', 'test-too-old', 'test-too-old', 'test-too-old'],
    ['no test at all', undefined, null, 'test-missing', 'test-missing', 'test-missing', 'test-missing'],
    ['a positive test, whatever the policy', sampled(2, 'positive'), 'test-positive', 'test-positive', 'test-positive', 'test-positive', 'test-positive'],
    ['a sampling time in the future (clock skew) counts as 0 h', { result: 'negative', sampledAt: hoursBefore(-0.5), hoursAgo: 0 }, null, null, null, null, null],
    ['an unreadable sampling time fails any limit', { result: 'negative', sampledAt: 'yesterday', hoursAgo: 0 }, null, 'test-too-old', 'test-too-old', 'test-too-old', 'test-too-old'],
  ];
  const limits = [null, 24, 48, 72, 96] as const;
  it.each(rows.flatMap(([name, test, ...expected]) => limits.map((max, i) => [`${name}, limit ${max ?? 'none'}`, test, max, expected[i]] as const)))('%s', (_name, test, max, expected) => {
    const { reasons } = verdict({ ...(test ? { nucleicAcid: test } : {}) }, { maxTestAgeHours: max });
    expect(reasons).toEqual(expected ? [expected] : []);
  });
});

describe('antigen standing in, doses and the travel flag', () => {
  const antigen = (h: number, result: 'negative' | 'positive' = 'negative') => ({ result, testedAt: hoursBefore(h) });
  it.each<[string, Parameters<typeof verdict>[0], Partial<HealthRequirementRuleInput>, string[], string[]]>([
    ['a fresh negative antigen stands in when the policy allows', { antigen: antigen(5) }, { maxTestAgeHours: 24, antigenSubstitutes: true }, [], []],
    ['... and also for a test that is too old', { nucleicAcid: sampled(60), antigen: antigen(5) }, { maxTestAgeHours: 24, antigenSubstitutes: true }, [], []],
    ['not when the policy does not allow it', { antigen: antigen(5) }, { maxTestAgeHours: 24 }, ['test-missing'], []],
    ['not when the antigen test is too old itself', { antigen: antigen(30) }, { maxTestAgeHours: 24, antigenSubstitutes: true }, ['test-missing'], []],
    ['not without a test time', { antigen: { result: 'negative' } }, { maxTestAgeHours: 24, antigenSubstitutes: true }, ['test-missing'], []],
    ['a positive antigen refuses, whatever the policy', { nucleicAcid: sampled(3), antigen: antigen(1, 'positive') }, {}, ['antigen-positive'], []],
    ['three doses when three are required', { vaccination: { doses: 3 } }, { minDoses: 3 }, [], []],
    ['two doses when three are required', { vaccination: { doses: 2 } }, { minDoses: 3 }, ['doses-missing'], []],
    ['no vaccination facts when doses are required', {}, { minDoses: 1 }, ['doses-missing'], []],
    ['no doses required', {}, { minDoses: 0 }, [], []],
    ['travel flag, policy refuses', { travelFlag: true }, { travelFlag: 'refuse' }, ['travel-flag'], []],
    ['travel flag, policy warns', { travelFlag: true }, { travelFlag: 'warn' }, [], ['travel-flag']],
    ['travel flag, policy ignores it', { travelFlag: true }, { travelFlag: 'ignore' }, [], []],
    ['no travel flag', { travelFlag: false }, { travelFlag: 'refuse' }, [], []],
    ['every rule failing is named, in order', { nucleicAcid: sampled(80), vaccination: { doses: 1 }, travelFlag: true }, { maxTestAgeHours: 48, minDoses: 2, travelFlag: 'refuse' }, ['test-too-old', 'doses-missing', 'travel-flag'], []],
  ])('%s', (_name, facts, change, reasons, warnings) => {
    expect(verdict(facts, change)).toEqual({ reasons, warnings });
  });
});

describe('which rule applies', () => {
  const rules = Policy.parse({
    healthRequirements: [
      { directions: ['in'], personKinds: ['visitor', 'unknown'], maxTestAgeHours: 24 },
      { directions: ['in'], maxTestAgeHours: 72 },
      { directions: ['out'], personKinds: ['commuter'], maxTestAgeHours: 48, minDoses: 2 },
    ],
  }).healthRequirements;
  it.each<[string, 'in' | 'out', 'resident' | 'commuter' | 'visitor' | 'unknown', number | null, number]>([
    ['a visitor coming in', 'in', 'visitor', 24, 0],
    ['a resident coming in (the second rule)', 'in', 'resident', 72, 0],
    ['a commuter going out', 'out', 'commuter', 48, 2],
    ['a resident going out: no rule, nothing required', 'out', 'resident', null, 0],
  ])('%s', (_name, direction, kind, hours, doses) => {
    expect(requirementFor(rules, direction, kind)).toMatchObject({ maxTestAgeHours: hours, minDoses: doses });
  });
  it('no rules at all: nothing required, a travel flag is still said', () => {
    expect(requirementFor([], 'in', 'resident')).toEqual(NO_REQUIREMENT);
    expect(NO_REQUIREMENT).toMatchObject({ maxTestAgeHours: null, minDoses: 0, travelFlag: 'warn', antigenSubstitutes: false });
  });
  it('before the person is known the screen colours against the strictest limit of the direction', () => {
    expect(strictestTestAge(rules, 'in')).toBe(24);
    expect(strictestTestAge(rules, 'out')).toBe(48);
    expect(strictestTestAge([], 'in')).toBeNull();
  });
});

describe('test age on screen', () => {
  it.each<[number, number | null, string]>([
    [10, 48, 'within'],
    [44, 48, 'within'],
    [44.5, 48, 'closing'],
    [48, 48, 'closing'],
    [48.1, 48, 'over'],
    [Number.POSITIVE_INFINITY, 72, 'over'],
    [100, null, 'no-limit'],
  ])('%s h against %s h is %s', (age, max, standing) => expect(testStanding(age, max)).toBe(standing));
  it('counts a band as its upper end, ages a bare hour count from the check and a sampling time from itself', () => {
    expect(testAgeHours(band('24h'), checkedAt, at)).toBe(24);
    expect(testAgeHours({ result: 'negative', sampledAt: undefined, band: undefined, hoursAgo: 10 } as never, checkedAt, at)).toBeCloseTo(10 + 2 / 60);
    expect(testAgeHours(sampled(30), checkedAt, at)).toBeCloseTo(30);
    expect(testAgeHours(band('older'), checkedAt, at)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('in the gate decision', () => {
  const policy = Policy.parse({ healthRequirements: [{ directions: ['in'], maxTestAgeHours: 48, travelFlag: 'warn' }] });
  const green = (facts: Partial<Extract<HealthCodeResult, { status: 'green' }>>): HealthCodeResult => ({ status: 'green', source: 'online', checkedAt, ...facts });
  const ok: DecisionFacts = {
    direction: 'in',
    code: green({ nucleicAcid: sampled(20) }),
    identity: { name: '王五' },
    person: { kind: 'resident' },
    temperature: { bodyC: 36.6, source: 'device' },
    maskWorn: true,
    at,
    householdOutings: 0,
    override: null,
  };
  it.each<[string, Partial<DecisionFacts>, string, string[], string[]]>([
    ['a green code with a test 20 h old', {}, 'pass', [], []],
    ['a test 50 h old: "核酸超过48小时"', { code: green({ nucleicAcid: sampled(50) }) }, 'refuse', ['test-too-old'], []],
    ['no test shown', { code: green({}) }, 'refuse', ['test-missing'], []],
    ['the test rule is for coming in: going out needs none', { direction: 'out', code: green({}), temperature: null, maskWorn: null }, 'pass', [], []],
    ['a travel flag passes with a warning', { code: green({ nucleicAcid: sampled(20), travelFlag: true }) }, 'pass', [], ['travel-flag']],
    ['a test too old together with a fever: both named', { code: green({ nucleicAcid: sampled(60) }), temperature: { bodyC: 38, source: 'device' } }, 'refuse', ['test-too-old', 'fever'], []],
    ['a red code ends the check: the test is not looked at', { code: { status: 'red', source: 'online', checkedAt } }, 'refuse', ['code-red'], []],
    ['a manager override lets an old test pass, the reason kept', { code: green({ nucleicAcid: sampled(60) }), override: { id: 'o', by: '张经理', reason: '急诊' } }, 'pass', ['test-too-old'], []],
  ])('%s', (_name, change, decision, reasons, warnings) => {
    expect(decide({ ...ok, ...change }, policy)).toMatchObject({ decision, reasons, warnings });
  });
});
