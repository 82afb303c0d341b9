// The small rules about a read card: expiry, age, the no-phone lane, and a card beside a code's holder. Tables.
import { describe, expect, it } from 'vitest';
import { NoPhoneLane, Policy } from '../../../src/common/contract/policy.ts';
import { decide, type DecisionFacts } from '../../../src/common/gate-rules/decide.ts';
import { ageOn, birthDateOfIdNumber, cardAgainstHolder, cardExpired, noPhoneVerdict } from '../../../src/common/gate-rules/id-card.ts';

describe('card expiry and age', () => {
  it.each([
    ['2035-06-01', '2026-12-02', false],
    ['2026-12-02', '2026-12-02', false],
    ['2026-12-01', '2026-12-02', true],
    ['long-term', '2099-01-01', false],
  ])('valid until %s on %s: expired %s', (until, today, expired) => expect(cardExpired(until, today)).toBe(expired));

  it.each([
    ['1966-12-02', '2026-12-02', 60],
    ['1966-12-03', '2026-12-02', 59],
    ['2012-12-03', '2026-12-02', 13],
    ['2012-12-02', '2026-12-02', 14],
    ['2000-02-29', '2026-02-28', 25],
  ])('born %s, on %s: %i', (birth, today, age) => expect(ageOn(birth, today)).toBe(age));

  it.each([
    ['11010519491231002X', '1949-12-31'],
    ['110105491231002', '1949-12-31'],
    ['110105194913310021', null],
    ['E12345678', null],
  ])('the birth date in %s is %s', (number, birth) => expect(birthDateOfIdNumber(number)).toBe(birth));
});

describe('the no-phone lane', () => {
  const open = NoPhoneLane.parse({});
  it.each<[string, NoPhoneLane, { age: number | null; registeredNoPhone: boolean }, ReturnType<typeof noPhoneVerdict>]>([
    ['over 60', open, { age: 60, registeredNoPhone: false }, { allowed: true, basis: 'over-60' }],
    ['59', open, { age: 59, registeredNoPhone: false }, { allowed: false, why: 'not-eligible' }],
    ['under 14', open, { age: 13, registeredNoPhone: false }, { allowed: true, basis: 'under-14' }],
    ['14', open, { age: 14, registeredNoPhone: false }, { allowed: false, why: 'not-eligible' }],
    ['registered without a phone', open, { age: 35, registeredNoPhone: true }, { allowed: true, basis: 'registered-no-phone' }],
    ['age unknown, not registered', open, { age: null, registeredNoPhone: false }, { allowed: false, why: 'not-eligible' }],
    ['lane closed', NoPhoneLane.parse({ open: false }), { age: 80, registeredNoPhone: true }, { allowed: false, why: 'lane-closed' }],
    ['lane for children only', NoPhoneLane.parse({ for: ['under-14'] }), { age: 80, registeredNoPhone: false }, { allowed: false, why: 'not-eligible' }],
    ['lane for registered only, an old registered person', NoPhoneLane.parse({ for: ['registered-no-phone'] }), { age: 80, registeredNoPhone: true }, { allowed: true, basis: 'registered-no-phone' }],
  ])('%s', (_name, lane, person, verdict) => expect(noPhoneVerdict(lane, person)).toEqual(verdict));
});

describe('a card beside a code holder', () => {
  it.each<[string, Parameters<typeof cardAgainstHolder>[1], ReturnType<typeof cardAgainstHolder>]>([
    ['same ID hash', { idHash: 'h1', name: '李四' }, { agreement: 'same', by: 'id-number' }],
    ['another ID hash, even with the same name', { idHash: 'h2', name: '王小明' }, { agreement: 'different', by: 'id-number' }],
    ['same name, no hash', { name: '王小明' }, { agreement: 'same', by: 'name' }],
    ['same name with spaces and full-width', { name: ' 王 小明 ' }, { agreement: 'same', by: 'name' }],
    ['another name', { name: '王小红' }, { agreement: 'different', by: 'name' }],
    ['a code without a holder', {}, { agreement: 'unknown', by: null }],
    ['a masked holder that fits', { name: '王*明' }, { agreement: 'same', by: 'name' }],
    ['a masked surname that fits', { name: '王*' }, { agreement: 'same', by: 'name' }],
    ['a masked surname that does not', { name: '李*' }, { agreement: 'different', by: 'name' }],
    ['a masked holder whose last character differs', { name: '王*红' }, { agreement: 'different', by: 'name' }],
    ['a holder masked entirely', { name: '***' }, { agreement: 'unknown', by: null }],
  ])('%s', (_name, holder, result) => expect(cardAgainstHolder({ idHash: 'h1', name: '王小明' }, holder)).toEqual(result));
});

describe('the decision for a person without a phone', () => {
  const at = '2026-12-02T08:00:00Z';
  const base: DecisionFacts = {
    direction: 'in',
    code: { status: 'green', source: 'district-list', checkedAt: at },
    identity: { name: '李秀英' },
    person: { kind: 'resident' },
    temperature: { bodyC: 36.5, source: 'device' },
    maskWorn: true,
    at: new Date(at),
    householdOutings: 0,
    override: null,
    noPhoneAllowed: true,
  };
  const onlyScans = Policy.parse({ acceptedCodeSources: ['online'] });
  it.each<[string, Partial<DecisionFacts>, string, string[]]>([
    ['admitted, not on the district list: passes', {}, 'pass', []],
    ['not admitted by the lane: refused as such, nothing else asked', { noPhoneAllowed: false, temperature: null, maskWorn: null }, 'refuse', ['no-phone-not-allowed']],
    ['on the district list as red: refused as red', { watch: { kinds: ['red'] } }, 'refuse', ['code-red']],
    ['admitted, manual colour yellow: refused as yellow', { code: { status: 'yellow', source: 'manual', checkedAt: at } }, 'refuse', ['code-yellow']],
    ['admitted, with fever', { temperature: { bodyC: 38.1, source: 'device' } }, 'refuse', ['fever']],
  ])('%s', (_name, change, decision, reasons) => {
    expect(decide({ ...base, ...change }, Policy.parse({}))).toMatchObject({ decision, reasons });
  });
  it('the district list counts even where the policy accepts only scanned codes (the lane admitted them)', () => {
    expect(decide(base, onlyScans)).toMatchObject({ decision: 'pass' });
  });
});
