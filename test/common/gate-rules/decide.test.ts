// The gate decision as tables: every must, every refusal, the policy's own rules, checks on the way out, override.
import { describe, expect, it } from 'vitest';
import type { HealthCodeResult } from '../../../src/common/contract/health-code.ts';
import { Policy, type PolicyInput } from '../../../src/common/contract/policy.ts';
import { codeEndsCheck, decide, isFever, takesCheck, type DecisionFacts } from '../../../src/common/gate-rules/decide.ts';

const at = '2026-11-28T08:00:00Z';
const policy = Policy.parse({});
const green: HealthCodeResult = { status: 'green', source: 'manual', checkedAt: at };
const resident = { kind: 'resident' as const };
const ok: DecisionFacts = {
  direction: 'in',
  code: green,
  identity: { name: '王五' },
  person: resident,
  temperature: { bodyC: 36.6, source: 'device' },
  maskWorn: true,
  at: new Date(at),
  householdOutings: 0,
  override: null,
};
const withPolicy = (change: PolicyInput) => Policy.parse(change);
const out = { direction: 'out' as const, temperature: null, maskWorn: null };
const override = { id: 'o1', by: '张经理', reason: '救护车' };

describe('gate decision: the four musts and the refusals', () => {
  it.each<[string, Partial<DecisionFacts>, string, string[]]>([
    ['resident, green code, normal temperature, mask on', {}, 'pass', []],
    ['commuter matched on the roster', { person: { kind: 'commuter' } }, 'pass', []],
    ['visitor with details recorded', { person: { kind: 'visitor' } }, 'pass', []],
    ['identity from the verified code holder is still no details', { identity: {}, person: { kind: 'unknown' }, code: { ...green, source: 'online', holderName: '王*' } }, 'refuse', ['details-missing']],
    ['a name typed but nothing on file: details missing', { person: { kind: 'unknown' } }, 'refuse', ['details-missing']],
    ['nobody asked who they are', { identity: {}, person: { kind: 'unknown' } }, 'refuse', ['identity-missing', 'details-missing']],
    ['just below the fever line', { temperature: { bodyC: 37.2, source: 'device' } }, 'pass', []],
    ['exactly at the fever line', { temperature: { bodyC: 37.3, source: 'device' } }, 'refuse', ['fever']],
    ['fever from a handheld value', { temperature: { bodyC: 38.5, source: 'manual' } }, 'refuse', ['fever']],
    ['red code', { code: { status: 'red', source: 'online', checkedAt: at } }, 'refuse', ['code-red']],
    ['yellow code', { code: { status: 'yellow', source: 'manual', checkedAt: at } }, 'refuse', ['code-yellow']],
    ['code under review', { code: { status: 'review', source: 'online', checkedAt: at } }, 'refuse', ['code-review']],
    ['invalid code', { code: { status: 'invalid', reason: 'expired', detail: 'x', checkedAt: at } }, 'refuse', ['code-invalid']],
    ['a code that could not be verified is never a colour', { code: { status: 'error', reason: 'timeout', detail: 'x', checkedAt: at } }, 'refuse', ['code-not-verified']],
    ['red code ends the check before temperature and mask', { code: { status: 'red', source: 'manual', checkedAt: at }, temperature: null, maskWorn: null }, 'refuse', ['code-red']],
    ['no mask', { maskWorn: false }, 'refuse', ['mask-missing']],
    ['mask not checked', { maskWorn: null }, 'refuse', ['mask-missing']],
    ['no temperature', { temperature: null }, 'refuse', ['temperature-missing']],
    ['every must failed at once', { identity: {}, person: { kind: 'unknown' }, temperature: null, maskWorn: false }, 'refuse', ['identity-missing', 'details-missing', 'temperature-missing', 'mask-missing']],
    ['fever and no mask', { temperature: { bodyC: 39, source: 'device' }, maskWorn: false }, 'refuse', ['fever', 'mask-missing']],
    ['a confirmed fever is not asked about the mask (issue 13.10)', { temperature: { bodyC: 39, source: 'device' }, maskWorn: null }, 'refuse', ['fever']],
    ['colour refreshed 23 h 59 min ago', { code: { ...green, source: 'online', refreshedAt: '2026-11-27T08:01:00Z' } }, 'pass', []],
    ['colour refreshed exactly 24 h ago is stale', { code: { ...green, source: 'online', refreshedAt: '2026-11-27T08:00:00Z' } }, 'refuse', ['code-stale']],
    ['a code that says nothing of refreshing is not stale', { code: { ...green, source: 'offline-signed' } }, 'pass', []],
  ])('%s', (_case, change, decision, reasons) => {
    expect(decide({ ...ok, ...change }, policy)).toMatchObject({ decision, reasons });
  });

  it('uses the configured fever line', () => {
    const facts = { ...ok, temperature: { bodyC: 37.4, source: 'device' as const } };
    expect(decide(facts, withPolicy({ feverLineC: 37.5 })).decision).toBe('pass');
    expect(decide(facts, withPolicy({ feverLineC: 37.3 })).decision).toBe('refuse');
  });
});

describe('gate decision: policy rules', () => {
  it.each<[string, PolicyInput, Partial<DecisionFacts>, string, string[]]>([
    ['visitors not allowed: a visitor is refused', { visitorsAllowed: false }, { person: { kind: 'visitor' } }, 'refuse', ['visitors-not-allowed']],
    ['visitors not allowed: a resident still passes', { visitorsAllowed: false }, {}, 'pass', []],
    ['visitors not allowed: a visitor may leave', { visitorsAllowed: false }, { ...out, person: { kind: 'visitor' } }, 'pass', []],
    ['manual colours not accepted', { acceptedCodeSources: ['online', 'offline-signed'] }, {}, 'refuse', ['code-format-not-accepted']],
    ['not accepted and red: both named', { acceptedCodeSources: ['online'] }, { code: { status: 'red', source: 'manual', checkedAt: at } }, 'refuse', ['code-format-not-accepted', 'code-red']],
    ['a stricter freshness', { codeFreshnessMinutes: 60 }, { code: { ...green, source: 'online', refreshedAt: '2026-11-28T06:59:00Z' } }, 'refuse', ['code-stale']],
    ['quota: first outing of the period', { outingQuota: { members: 1, everyDays: 3 } }, { ...out, householdOutings: 0 }, 'pass', []],
    ['quota: household already went out', { outingQuota: { members: 1, everyDays: 3 } }, { ...out, householdOutings: 1 }, 'refuse', ['outing-quota']],
    ['quota: two members allowed, one went', { outingQuota: { members: 2, everyDays: 3 } }, { ...out, householdOutings: 1 }, 'pass', []],
    ['quota: coming back in is never counted', { outingQuota: { members: 1, everyDays: 3 } }, { householdOutings: 5 }, 'pass', []],
    ['quota: commuters are exempt by default', { outingQuota: { members: 1, everyDays: 3 } }, { ...out, person: { kind: 'commuter' }, householdOutings: 3 }, 'pass', []],
    ['quota: commuters counted when not exempt', { outingQuota: { members: 1, everyDays: 3, exemptCommuters: false } }, { ...out, person: { kind: 'commuter' }, householdOutings: 1 }, 'refuse', ['outing-quota']],
    ['quota: visitors leaving do not use it', { outingQuota: { members: 1, everyDays: 3 } }, { ...out, person: { kind: 'visitor' }, householdOutings: 1 }, 'pass', []],
  ])('%s', (_case, policyChange, change, decision, reasons) => {
    expect(decide({ ...ok, ...change }, withPolicy(policyChange))).toMatchObject({ decision, reasons });
  });
});

describe('gate decision: on the way out', () => {
  it.each<[string, PolicyInput, Partial<DecisionFacts>, string, string[]]>([
    ['by default only identity and details: no temperature or mask needed', {}, out, 'pass', []],
    ['by default a red code may leave (going home is not checked)', {}, { ...out, code: { status: 'red', source: 'manual', checkedAt: at } }, 'pass', []],
    ['an unknown person leaving is still named', {}, { ...out, person: { kind: 'unknown' }, identity: {} }, 'refuse', ['identity-missing', 'details-missing']],
    ['policy checks the code on the way out', { checksOnTheWayOut: ['code'] }, { ...out, code: { status: 'red', source: 'manual', checkedAt: at } }, 'refuse', ['code-red']],
    ['policy checks temperature on the way out', { checksOnTheWayOut: ['temperature'] }, out, 'refuse', ['temperature-missing']],
    ['policy checks temperature and mask on the way out', { checksOnTheWayOut: ['temperature', 'mask'] }, { ...out, temperature: { bodyC: 36.6, source: 'device' } }, 'refuse', ['mask-missing']],
    ['a fever on the way out ends the check before the mask', { checksOnTheWayOut: ['temperature', 'mask'] }, { ...out, temperature: { bodyC: 38, source: 'device' } }, 'refuse', ['fever']],
  ])('%s', (_case, policyChange, change, decision, reasons) => {
    expect(decide({ ...ok, ...change }, withPolicy(policyChange))).toMatchObject({ decision, reasons });
  });
});

describe('gate decision: a manager override', () => {
  it.each<[string, Partial<DecisionFacts>, string, string[], boolean]>([
    ['lets a refused person pass and keeps what failed', { temperature: { bodyC: 38.2, source: 'device' }, override }, 'pass', ['fever'], true],
    ['works on a red code (ambulance crew)', { code: { status: 'red', source: 'manual', checkedAt: at }, override }, 'pass', ['code-red'], true],
    ['is not marked when nothing needed overriding', { override }, 'pass', [], false],
    ['without one a refusal stays a refusal', { maskWorn: false }, 'refuse', ['mask-missing'], false],
  ])('%s', (_case, change, decision, reasons, overridden) => {
    expect(decide({ ...ok, ...change }, policy)).toEqual({ decision, reasons, overridden, warnings: [] });
  });
});

describe('the small rules the screen shares with the decision', () => {
  it.each<[string, 'in' | 'out', Array<'code' | 'temperature' | 'mask'>, 'code' | 'temperature' | 'mask', boolean]>([
    ['everything on the way in', 'in', [], 'temperature', true],
    ['on the way in whatever the out-list says', 'in', ['code'], 'mask', true],
    ['nothing on the way out by default', 'out', [], 'code', false],
    ['what the policy lists on the way out', 'out', ['temperature'], 'temperature', true],
    ['only what it lists', 'out', ['temperature'], 'mask', false],
  ])('takesCheck: %s', (_what, direction, outChecks, check, expected) => expect(takesCheck(direction, outChecks, check)).toBe(expected));

  it.each([
    ['green', false],
    ['yellow', true],
    ['red', true],
    ['review', true],
    ['invalid', true],
    ['error', true],
  ] as const)('a %s code ends the check: %s', (status, ends) => expect(codeEndsCheck(status)).toBe(ends));

  it.each([
    [37.2, 37.3, false],
    [37.3, 37.3, true],
    [38.5, 37.3, true],
    [37.0, 37.0, true],
  ])('%f °C against a fever line of %f is a fever: %s', (bodyC, line, fever) => expect(isFever(bodyC, line)).toBe(fever));

  it('agrees with the decision: a code that ends the check refuses before temperature and mask', () => {
    for (const status of ['yellow', 'red', 'review'] as const) {
      const result = decide({ ...ok, code: { status, source: 'manual', checkedAt: at }, temperature: null, maskWorn: null }, policy);
      expect(result.reasons.some((r) => r.startsWith('code-'))).toBe(true);
      expect(result.reasons).not.toContain('temperature-missing');
    }
  });
});
