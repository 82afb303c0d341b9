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
    ['the second reading decides', {}, [...scanVerified, { type: 'matched', person: commuter }, { type: 'person-confirmed' }, hot, hot], 'mask'],
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
