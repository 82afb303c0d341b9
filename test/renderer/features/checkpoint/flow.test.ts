// The screen's step machine (renderer/features/checkpoint/flow.ts): pure, so every path is checked without a browser.
import { describe, expect, it } from 'vitest';
import type { Entry, HealthCodeResult } from '../../../../src/common/contract/index.ts';
import { initialState, next, type FlowEvent, type FlowState, type PersonRef } from '../../../../renderer/features/checkpoint/flow.ts';

const green: HealthCodeResult = { status: 'green', source: 'resident-card', checkedAt: '2026-11-30T00:00:00Z', cardId: 'C-1' };
const commuter: PersonRef = { kind: 'commuter', residentId: 'r1', name: '李四', household: '3-2-501', maskedId: null };
const visitor: PersonRef = { kind: 'visitor', visitorId: 'v1', name: '赵六', household: '3-2-501' };
const normal = { type: 'measured', measurement: { ok: true, bodyC: 36.6, readings: 3, estimated: false }, source: 'device', feverLineC: 37.3 } as const;
const hot = { ...normal, measurement: { ...normal.measurement, bodyC: 38.2 } } as const;

function run(state: FlowState, events: FlowEvent[]): FlowState {
  return events.reduce(next, state);
}
const scanVerified: FlowEvent[] = [{ type: 'scanned', text: 'GK1:...', at: 0 }, { type: 'verified', checkId: 'c1', result: green }];
const facts = (s: FlowState) => (s.step.name === 'saving' ? s.step.facts : null);

describe('checkpoint flow', () => {
  it.each<[string, Partial<FlowState>, FlowEvent[], string]>([
    ['a verified card is matched against the roster first', {}, scanVerified, 'matching'],
    ['standard lane: the volunteer confirms the matched person', {}, [...scanVerified, { type: 'matched', person: commuter }], 'confirm-person'],
    ['fast lane: a matched commuter goes straight to the temperature', { lane: 'fast' }, [...scanVerified, { type: 'matched', person: commuter }], 'temperature'],
    ['fast lane: a resident who is not a commuter is still confirmed', { lane: 'fast' }, [...scanVerified, { type: 'matched', person: { ...commuter, kind: 'resident' } }], 'confirm-person'],
    ['no match: ask who they are', {}, [...scanVerified, { type: 'matched', person: null }], 'identity'],
    ['identity 3: visitor details', {}, [{ type: 'manual-requested', at: 0 }, { type: 'colour-chosen', colour: 'green', why: 'x' }, { type: 'identity-chosen', how: 'visitor' }], 'visitor'],
    ['a first reading at the fever line asks for a second', {}, [...scanVerified, { type: 'matched', person: commuter }, { type: 'person-confirmed' }, hot], 'temperature'],
    ['the second reading decides: a fever confirmed is recorded without asking the mask', {}, [...scanVerified, { type: 'matched', person: commuter }, { type: 'person-confirmed' }, hot, hot], 'saving'],
    ['a second reading below the line goes on to the mask', {}, [...scanVerified, { type: 'matched', person: commuter }, { type: 'person-confirmed' }, hot, normal], 'mask'],
    ['a manual red ends the check at once', {}, [{ type: 'manual-requested', at: 0 }, { type: 'colour-chosen', colour: 'red', why: 'x' }], 'saving'],
    ['out, default policy: no temperature or mask, straight to recording', { direction: 'out' }, [...scanVerified, { type: 'matched', person: commuter }, { type: 'person-confirmed' }], 'saving'],
    ['out, red code not checked by default: identity still asked', { direction: 'out' }, [{ type: 'manual-requested', at: 0 }, { type: 'colour-chosen', colour: 'red', why: 'x' }], 'identity'],
    ['out, policy checks temperature: measured, no mask', { direction: 'out', outChecks: ['temperature'] }, [...scanVerified, { type: 'matched', person: commuter }, { type: 'person-confirmed' }, normal], 'saving'],
    ['scan step: * opens the plate entry', {}, [{ type: 'plate-requested' }], 'plate'],
  ])('%s', (_case, start, events, stepName) => {
    expect(run({ ...initialState, ...start }, events).step.name).toBe(stepName);
  });

  it('records the person by record id, the fast lane and the vehicle plate', () => {
    const state = run({ ...initialState, lane: 'fast', vehicle: { plate: '京A12345', household: '3-2-501' } }, [...scanVerified, { type: 'matched', person: commuter }, normal, { type: 'mask-checked', worn: true }]);
    expect(facts(state)).toEqual({ direction: 'in', lane: 'fast', identity: {}, code: { kind: 'verified', checkId: 'c1' }, person: { kind: 'resident', residentId: 'r1' }, temperature: { bodyC: 36.6, source: 'device' }, maskWorn: true, plate: '京A12345' });
  });

  it('records a visitor by visitor id in the standard lane', () => {
    const state = run(initialState, [{ type: 'manual-requested', at: 0 }, { type: 'colour-chosen', colour: 'green', why: 'x' }, { type: 'identity-chosen', how: 'visitor' }, { type: 'person-chosen', person: visitor }, normal, { type: 'mask-checked', worn: true }]);
    expect(facts(state)).toMatchObject({ lane: 'standard', person: { kind: 'visitor', visitorId: 'v1' }, code: { kind: 'manual', colour: 'green' } });
  });

  it('a manager override records the same facts again, citing the authorisation', () => {
    const saving = run(initialState, [{ type: 'manual-requested', at: 0 }, { type: 'colour-chosen', colour: 'red', why: 'x' }]);
    const refused = { id: 'e1', decision: 'refuse', reasons: ['code-red'] } as unknown as Entry;
    const result = next(saving, { type: 'recorded', entry: refused });
    const override = next(result, { type: 'override-requested' });
    expect(override.step.name).toBe('override');
    const again = next(override, { type: 'override-authorized', overrideId: 'o1' });
    expect(facts(again)).toEqual({ ...facts(saving), overrideId: 'o1' });
  });

  it('a pass cannot be overridden, and the direction toggles only on the scan step', () => {
    const passed = { ...initialState, step: { name: 'result', entry: { decision: 'pass' } as Entry, facts: facts(run(initialState, [{ type: 'manual-requested', at: 0 }, { type: 'colour-chosen', colour: 'red', why: 'x' }]))! } } as FlowState;
    expect(next(passed, { type: 'override-requested' }).step.name).toBe('result');
    expect(next(initialState, { type: 'direction-toggled' }).direction).toBe('out');
    expect(next(passed, { type: 'direction-toggled' }).direction).toBe('in');
  });
});

// Health facts (issue 16): a relative's code is marked by the volunteer and recorded; the manual band travels.
describe('checkpoint flow: relatives\' codes and the manual test band', () => {
  const throughToMask: FlowEvent[] = [...scanVerified, { type: 'matched', person: commuter }, { type: 'person-confirmed' }, normal];

  it('marks "shown on another person\'s phone" at any step of the person, and records it', () => {
    const marked = run(initialState, [...scanVerified, { type: 'matched', person: commuter }, { type: 'other-phone-toggled' }, { type: 'person-confirmed' }, normal, { type: 'mask-checked', worn: true }]);
    expect(facts(marked)).toMatchObject({ codeOnOtherPhone: true });
  });

  it('toggles off again, and is not recorded when off', () => {
    const state = run(initialState, [...throughToMask, { type: 'other-phone-toggled' }, { type: 'other-phone-toggled' }, { type: 'mask-checked', worn: true }]);
    expect(facts(state)).not.toHaveProperty('codeOnOtherPhone');
  });

  it('is forgotten for the next person, and cannot be set on the scan screen', () => {
    const marked = run(initialState, [...throughToMask, { type: 'other-phone-toggled' }]);
    expect(marked.otherPhone).toBe(true);
    expect(next(marked, { type: 'reset' }).otherPhone).toBe(false);
    const shown = run(marked, [{ type: 'mask-checked', worn: true }, { type: 'recorded', entry: { id: 'e1', decision: 'pass', reasons: [] } as unknown as Entry }]);
    expect(shown.step.name).toBe('result');
    expect(next(shown, { type: 'scanned', text: 'x', at: 1 }).otherPhone).toBe(false);
    expect(next(initialState, { type: 'other-phone-toggled' }).otherPhone).toBe(false);
  });

  it('the manual test band goes with the manual colour', () => {
    const state = run(initialState, [{ type: 'manual-requested', at: 0 }, { type: 'colour-chosen', colour: 'green', why: 'x', testBand: '48h' }, { type: 'identity-chosen', how: 'visitor' }, { type: 'person-chosen', person: visitor }, normal, { type: 'mask-checked', worn: true }]);
    expect(facts(state)).toMatchObject({ code: { kind: 'manual', colour: 'green', testBand: '48h' } });
  });
});

// Issue 13.1-13.3: every step cancellable, scans mid-flow never lost, scans that are no code, whose code it is.
describe('checkpoint flow: cancel, scans mid-flow, not a code, the holder', () => {
  const zhang: HealthCodeResult = { status: 'green', source: 'offline-signed', checkedAt: '2026-11-30T00:00:00Z', holderName: '张*' };
  const li: HealthCodeResult = { ...zhang, holderName: '李*' };
  const byHousehold: FlowEvent[] = [{ type: 'matched', person: null }, { type: 'identity-chosen', how: 'resident-household' }];
  const scanOf = (result: HealthCodeResult): FlowEvent[] => [{ type: 'scanned', text: 'GK1:A', at: 0 }, { type: 'verified', checkId: 'c1', result }];
  const steps: Array<[string, FlowEvent[]]> = [
    ['verifying', [{ type: 'scanned', text: 'GK1:A', at: 0 }]],
    ['matching', scanVerified],
    ['confirm-person', [...scanVerified, { type: 'matched', person: commuter }]],
    ['identity', [...scanVerified, { type: 'matched', person: null }]],
    ['find-resident', [...scanVerified, ...byHousehold]],
    ['visitor', [{ type: 'manual-requested', at: 0 }, { type: 'colour-chosen', colour: 'green', why: 'x' }, { type: 'identity-chosen', how: 'visitor' }]],
    ['manual', [{ type: 'manual-requested', at: 0 }]],
    ['temperature', [...scanVerified, { type: 'matched', person: commuter }, { type: 'person-confirmed' }]],
    ['mask', [...scanVerified, { type: 'matched', person: commuter }, { type: 'person-confirmed' }, normal]],
    ['holder-check', [...scanOf(zhang), ...byHousehold, { type: 'person-chosen', person: commuter }]],
    ['not-a-code', [{ type: 'scanned', text: 'hello world 123456', at: 0 }, { type: 'verified', checkId: 'c1', result: { status: 'invalid', reason: 'malformed', detail: 'x', checkedAt: 'x' } }]],
    ['plate', [{ type: 'plate-requested' }]],
  ];

  it.each(steps)('cancels from %s: back to the scan screen, nothing recorded', (name, events) => {
    const there = run(initialState, events);
    expect(there.step.name).toBe(name);
    const cancelled = next(there, { type: 'cancel' });
    expect(cancelled.step.name).toBe('scan');
    expect(cancelled.startedAt).toBeNull();
    expect(cancelled.otherPhone).toBe(false);
    if (name !== 'plate') expect(cancelled.notice).toBe('cancelled');
  });

  it('never cancels a save in flight, and a cancel on the result is the next person', () => {
    const saving = run(initialState, [{ type: 'manual-requested', at: 0 }, { type: 'colour-chosen', colour: 'red', why: 'x' }]);
    expect(next(saving, { type: 'cancel' }).step.name).toBe('saving');
    const result = next(saving, { type: 'recorded', entry: { id: 'e1', decision: 'refuse', reasons: ['code-red'] } as unknown as Entry });
    expect(next(result, { type: 'cancel' })).toMatchObject({ step: { name: 'scan' }, notice: null });
    const override = next(result, { type: 'override-requested' });
    expect(next(override, { type: 'cancel' }).step.name).toBe('result');
  });

  it.each(['verifying', 'matching', 'confirm-person', 'identity', 'not-a-code', 'plate', 'manual'])('a new scan on %s replaces the person (nothing was confirmed)', (name) => {
    const there = run(initialState, steps.find(([n]) => n === name)![1]);
    const after = next(there, { type: 'scanned', text: 'GK1:NEXT', at: 5 });
    expect(after.step).toEqual({ name: 'verifying', text: 'GK1:NEXT' });
    expect(after.waitingScan).toBeNull();
  });

  it.each(['find-resident', 'visitor', 'temperature', 'mask', 'holder-check'])('a new scan on %s waits for this person, then starts', (name) => {
    const there = run(initialState, steps.find(([n]) => n === name)![1]);
    const waiting = next(there, { type: 'scanned', text: 'GK1:NEXT', at: 5 });
    expect(waiting.step).toBe(there.step);
    expect(waiting.waitingScan).toEqual({ text: 'GK1:NEXT', at: 5 });
    expect(next(waiting, { type: 'cancel', at: 9 })).toMatchObject({ step: { name: 'verifying', text: 'GK1:NEXT' }, startedAt: 9, waitingScan: null });
  });

  it('a scan waiting during a save starts after the result, on the volunteer\'s Enter', () => {
    const saving = run(initialState, [...scanVerified, { type: 'matched', person: commuter }, { type: 'person-confirmed' }, normal, { type: 'mask-checked', worn: true }]);
    const waiting = next(saving, { type: 'scanned', text: 'GK1:NEXT', at: 5 });
    expect(waiting.step.name).toBe('saving');
    const shown = next(waiting, { type: 'recorded', entry: { id: 'e1', decision: 'pass', reasons: [] } as unknown as Entry });
    expect(shown).toMatchObject({ step: { name: 'result' }, waitingScan: { text: 'GK1:NEXT' } });
    expect(next(shown, { type: 'reset', at: 20 })).toMatchObject({ step: { name: 'verifying', text: 'GK1:NEXT' }, startedAt: 20, waitingScan: null });
  });

  it('a text that is no health code is its own step, with the manual path; never recorded', () => {
    const there = run(initialState, steps.find(([n]) => n === 'not-a-code')![1]);
    expect(there.step).toMatchObject({ name: 'not-a-code', problem: 'not-a-code' });
    expect(next(there, { type: 'manual-requested', at: 1 })).toMatchObject({ step: { name: 'manual', scanText: 'hello world 123456' } });
    const unshifted = run(initialState, [{ type: 'scanned', text: 'gk1;6bfoxn', at: 0 }, { type: 'verified', checkId: 'c1', result: { status: 'invalid', reason: 'malformed', detail: 'x', checkedAt: 'x' } }]);
    expect(unshifted.step).toMatchObject({ name: 'not-a-code', problem: 'scanner-no-shift' });
  });

  it('asks whose code it is when the holder differs; confirmed, it is recorded with the confirmation', () => {
    const asked = run(initialState, [...scanOf(zhang), ...byHousehold, { type: 'person-chosen', person: commuter }]);
    expect(asked.step).toMatchObject({ name: 'holder-check', person: { name: '李四' } });
    const confirmed = run(asked, [{ type: 'holder-confirmed' }, normal, { type: 'mask-checked', worn: true }]);
    expect(facts(confirmed)).toMatchObject({ holderConfirmed: true });
    expect(next(asked, { type: 'holder-not-theirs' })).toMatchObject({ step: { name: 'scan' }, notice: 'own-code' });
    // The same holder goes straight on, and the next person is not taken as confirmed.
    expect(run(initialState, [...scanOf(li), ...byHousehold, { type: 'person-chosen', person: commuter }]).step.name).toBe('temperature');
    const nextOne = run(confirmed, [{ type: 'recorded', entry: { id: 'e1', decision: 'pass', reasons: [] } as unknown as Entry }, { type: 'reset' }]);
    expect(nextOne.holderConfirmed).toBe(false);
  });

  it('asks whose code it is when the core finds the ID on the code is another person’s; their word sends the same checks again', () => {
    // 李* beside 李四 looks the same to the screen; the core compares the ID hashes and refuses to record unasked.
    const saving = run(initialState, [...scanOf(li), ...byHousehold, { type: 'person-chosen', person: commuter }, normal, { type: 'mask-checked', worn: true }]);
    expect(saving.step.name).toBe('saving');
    const asked = next(saving, { type: 'record-failed', message: '码上的人（李*）不是选中的人，没有登记。', key: 'holder-unconfirmed' });
    expect(asked.step).toMatchObject({ name: 'holder-check', person: { name: '李四' }, facts: facts(saving) });
    const again = next(asked, { type: 'holder-confirmed' });
    expect(again.step).toMatchObject({ name: 'saving', facts: { ...facts(saving), holderConfirmed: true } });
    expect(next(asked, { type: 'holder-not-theirs' })).toMatchObject({ step: { name: 'scan' }, notice: 'own-code' });
    expect(next(asked, { type: 'cancel' })).toMatchObject({ step: { name: 'scan' }, notice: 'cancelled' });
    // Any other refusal to record stays an error to retry; so does one without a verified code and person to ask about.
    expect(next(saving, { type: 'record-failed', message: 'x', key: 'disk-full' }).step.name).toBe('failed');
    const manual = run(initialState, [{ type: 'manual-requested', at: 0 }, { type: 'colour-chosen', colour: 'green', why: 'x' }, { type: 'identity-chosen', how: 'visitor' }, { type: 'person-chosen', person: { kind: 'visitor', visitorId: 'v1', name: '王五', household: null } }, normal, { type: 'mask-checked', worn: true }]);
    expect(manual.step.name).toBe('saving');
    expect(next(manual, { type: 'record-failed', message: 'x', key: 'holder-unconfirmed' }).step.name).toBe('failed');
  });
});
