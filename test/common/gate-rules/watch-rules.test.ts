// The district's watch lists in the gate decision, as a table: quarantine and household quarantine refuse going out
// before anything else; a listed colour refuses as that code would, where the code is checked; follow-up never refuses.
import { describe, expect, it } from 'vitest';
import type { HealthCodeResult } from '../../../src/common/contract/health-code.ts';
import { Policy } from '../../../src/common/contract/policy.ts';
import type { WatchKind } from '../../../src/common/contract/watch.ts';
import { decide, type DecisionFacts } from '../../../src/common/gate-rules/decide.ts';
import { followUpNotice, listedColourReasons, quarantineReasons } from '../../../src/common/gate-rules/watch-rules.ts';

const at = '2026-11-28T08:00:00Z';
const green: HealthCodeResult = { status: 'green', source: 'resident-card', checkedAt: at };
const base: DecisionFacts = {
  direction: 'in',
  code: green,
  identity: { name: '王五' },
  person: { kind: 'resident' },
  temperature: { bodyC: 36.6, source: 'device' },
  maskWorn: true,
  at: new Date(at),
  householdOutings: 0,
  override: null,
};
const out = { direction: 'out' as const, temperature: null, maskWorn: null };
const listed = (...kinds: WatchKind[]) => ({ watch: { kinds } });
const policy = Policy.parse({});
const checksCodeOut = Policy.parse({ checksOnTheWayOut: ['code'] });

describe('watch lists in the gate decision', () => {
  it.each<[string, Partial<DecisionFacts>, Policy, string, string[]]>([
    ['not listed, going out', { ...out }, policy, 'pass', []],
    ['quarantined, going out: refused at once, whatever the code', { ...out, ...listed('quarantine') }, policy, 'refuse', ['watch-quarantine']],
    ['quarantined, coming back in: passes (go home)', { ...listed('quarantine') }, policy, 'pass', []],
    ['household under quarantine, going out', { ...out, ...listed('household-quarantine') }, policy, 'refuse', ['watch-household-quarantine']],
    ['both the person and the household', { ...out, ...listed('quarantine', 'household-quarantine') }, policy, 'refuse', ['watch-quarantine', 'watch-household-quarantine']],
    ['quarantined with a red code, going out: the quarantine is named', { ...out, ...listed('quarantine'), code: { status: 'red', source: 'online', checkedAt: at } }, checksCodeOut, 'refuse', ['watch-quarantine']],
    ['listed red with a green printed card, coming in: refused as red', { ...listed('red') }, policy, 'refuse', ['code-red']],
    ['listed yellow with a green card, coming in: refused as yellow', { ...listed('yellow') }, policy, 'refuse', ['code-yellow']],
    ['listed red ends the check before temperature and mask', { ...listed('red'), temperature: null, maskWorn: null }, policy, 'refuse', ['code-red']],
    ['listed red and a red code: named once', { ...listed('red'), code: { status: 'red', source: 'online', checkedAt: at } }, policy, 'refuse', ['code-red']],
    ['listed red going out where the code is not checked out: passes as a red code would', { ...out, ...listed('red') }, policy, 'pass', []],
    ['listed red going out where the code is checked out: refused', { ...out, ...listed('red') }, checksCodeOut, 'refuse', ['code-red']],
    ['follow-up never refuses', { ...out, ...listed('follow-up') }, policy, 'pass', []],
    ['follow-up with a fever is refused for the fever only', { ...listed('follow-up'), temperature: { bodyC: 38, source: 'device' } }, policy, 'refuse', ['fever']],
    ['a manager may override a quarantine refusal (the hospital)', { ...out, ...listed('quarantine'), override: { id: 'o', by: '张经理', reason: '就医' } }, policy, 'pass', ['watch-quarantine']],
    ['no watch facts at all: as before', { watch: null }, policy, 'pass', []],
  ])('%s', (_case, change, rules, decision, reasons) => {
    expect(decide({ ...base, ...change }, rules)).toMatchObject({ decision, reasons });
  });

  it('the small rules on their own', () => {
    expect(quarantineReasons('in', { kinds: ['quarantine'] })).toEqual([]);
    expect(quarantineReasons('out', null)).toEqual([]);
    expect(listedColourReasons({ kinds: ['yellow', 'red'] })).toEqual(['code-red']);
    expect(followUpNotice({ kinds: ['follow-up'] })).toBe(true);
    expect(followUpNotice({ kinds: ['red'] })).toBe(false);
  });
});
