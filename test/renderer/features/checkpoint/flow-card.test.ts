// Issue 15's paths through the step machine (flow-card.ts, flow-household.ts): a card at any step, the no-phone lane,
// and a household passing together. Pure, so every path is checked without a browser.
import { describe, expect, it } from 'vitest';
import type { Entry, HealthCodeResult, IdentityRead } from '../../../../src/common/contract/index.ts';
import { initialState, next, type FlowEvent, type FlowState, type PersonRef } from '../../../../renderer/features/checkpoint/flow.ts';

const green: HealthCodeResult = { status: 'green', source: 'online', checkedAt: '2026-12-02T00:00:00Z', holderName: '李*' };
const resident = { id: 'r1', householdId: 'h1', household: '3-2-5**', name: '王*明', maskedId: '3101**********1234', maskedPhone: null, cardId: null, commuter: false };
const read = (change: Partial<IdentityRead> = {}): IdentityRead => ({
  readId: 'read-1', source: 'card', document: 'resident', name: '王*明', maskedId: '3101**********1234', sex: 'male', age: 41, validUntil: '2035-06-01', expired: false,
  at: '2026-12-02T00:00:00Z', match: { kind: 'resident', resident, plates: [] }, visitor: null, noPhone: { allowed: false, why: 'not-eligible' }, ...change,
});
const stranger = read({ readId: 'read-2', name: '李*英', age: 74, match: null, noPhone: { allowed: true, basis: 'over-60', districtList: false } });
const card = (r: IdentityRead): FlowEvent => ({ type: 'card-read', read: r, at: 5 });
const normal = { type: 'measured', measurement: { ok: true, bodyC: 36.6, readings: 3, estimated: false }, source: 'device', feverLineC: 37.3 } as const;
const hot = { ...normal, measurement: { ...normal.measurement, bodyC: 38.4 } } as const;
const run = (events: FlowEvent[], state: FlowState = initialState) => events.reduce(next, state);
const manualGreen: FlowEvent[] = [{ type: 'manual-requested', at: 0 }, { type: 'colour-chosen', colour: 'green', why: 'x' }];
const scanned: FlowEvent[] = [{ type: 'scanned', text: 'X', at: 0 }, { type: 'verified', checkId: 'c1', result: green }];
const son: PersonRef = { kind: 'resident', residentId: 'r2', name: '王*', household: '3-2-5**', maskedId: null };
const daughter: PersonRef = { kind: 'resident', residentId: 'r3', name: '王*红', household: '3-2-5**', maskedId: null };
const holder: PersonRef = { kind: 'resident', residentId: 'r0', name: '李*', household: '3-2-5**', maskedId: null };

describe('a card at any step', () => {
  it.each<[string, FlowEvent[], string]>([
    ['on the scan step: who they are, then the code', [card(read())], 'card'],
    ['at the identity step: the roster person to confirm', [...manualGreen, card(read())], 'confirm-person'],
    ['at the identity step, a stranger: the visitor form from the card', [...manualGreen, card(stranger)], 'card-visitor'],
    ['read before the code: the identity step is answered at once', [card(read()), ...manualGreen], 'confirm-person'],
    ['read before a scanned code nobody holds a card for', [card(stranger), ...scanned, { type: 'matched', person: null }], 'card-visitor'],
    ['while finding a resident by number: the card answers', [...manualGreen, { type: 'identity-chosen', how: 'resident-id' }, card(read())], 'confirm-person'],
    ['on the confirm step: kept for the comparison, nothing else changes', [...scanned, { type: 'matched', person: holder }, card(read())], 'confirm-person'],
    ['back from the card visitor form: the typed visitor form', [...manualGreen, card(stranger), { type: 'back' }], 'visitor'],
    ['on a result: the next person', [...manualGreen, card(read()), { type: 'person-confirmed' }, normal, { type: 'mask-checked', worn: true }, { type: 'recorded', entry: {} as Entry }, card(stranger)], 'card'],
  ])('%s', (_name, events, step) => expect(run(events).step.name).toBe(step));

  it('keeps the card for the comparison and cites it in the facts', () => {
    const state = run([...scanned, { type: 'matched', person: holder }, card(read()), { type: 'person-confirmed' }, normal, { type: 'mask-checked', worn: true }]);
    expect(state.step.name === 'saving' && state.step.facts).toMatchObject({ cardReadId: 'read-1', person: { kind: 'resident', residentId: 'r0' } });
  });

  it('a new person forgets the last card', () => {
    const state = run([card(read()), { type: 'reset' }, ...manualGreen]);
    expect(state.card).toBeNull();
    expect(state.step.name).toBe('identity');
  });
});

describe('the no-phone lane', () => {
  it('a card over 60 with no district list: the colour by hand, then the visitor form', () => {
    const state = run([card(stranger), { type: 'no-phone-requested', at: 6 }, { type: 'no-phone-chosen', manual: { colour: 'green', why: '纸质证明' } }]);
    expect(state.step).toMatchObject({ name: 'card-visitor', code: { kind: 'no-phone', readId: 'read-2', basis: 'over-60', colour: 'green', why: '纸质证明' } });
  });
  it('by the district list: no colour is claimed by the screen', () => {
    const listed = { ...stranger, match: { kind: 'resident' as const, resident, plates: [] }, noPhone: { allowed: true as const, basis: 'over-60' as const, districtList: true } };
    const state = run([card(listed), { type: 'no-phone-requested', at: 6 }, { type: 'no-phone-chosen' }, { type: 'person-confirmed' }, normal, { type: 'mask-checked', worn: true }]);
    expect(state.step.name === 'saving' && state.step.facts.code).toEqual({ kind: 'no-phone', readId: 'read-2' });
  });
  it('a red recorded by hand ends the check at once', () => {
    expect(run([card(stranger), { type: 'no-phone-requested', at: 6 }, { type: 'no-phone-chosen', manual: { colour: 'red', why: 'x' } }]).step.name).toBe('saving');
  });
  it('a person the lane does not admit goes nowhere: the choice is refused', () => {
    expect(run([card(read()), { type: 'no-phone-requested', at: 6 }, { type: 'no-phone-chosen', manual: { colour: 'green', why: 'x' } }]).step.name).toBe('no-phone');
  });
  it('a typed number: looked up, then back to the scan (not to a card)', () => {
    const typed = read({ source: 'typed', document: 'typed', name: null });
    const looked = run([{ type: 'no-phone-requested', at: 1 }, { type: 'no-phone-read', read: typed }]);
    expect(looked.step).toMatchObject({ name: 'no-phone', read: { source: 'typed' } });
    expect(next(looked, { type: 'back' })).toMatchObject({ card: null, step: { name: 'scan' } });
  });
});

describe('a household together', () => {
  const start = [...scanned, { type: 'matched', person: holder }, { type: 'household-requested' }, { type: 'group-chosen', others: [son, daughter] }] as FlowEvent[];
  it('each member gets their own code, temperature and mask, and the group is recorded in one call', () => {
    const state = run([
      ...start, normal, { type: 'mask-checked', worn: true },
      { type: 'colour-chosen', colour: 'green', why: '看手机' }, hot, hot, { type: 'mask-checked', worn: true },
      { type: 'colour-chosen', colour: 'green', why: '看手机' }, normal, { type: 'mask-checked', worn: true },
    ]);
    expect(state.step.name).toBe('saving-group');
    const members = state.step.name === 'saving-group' ? state.step.members : [];
    expect(members.map((m) => [m.person, m.temperature?.bodyC, m.code.kind])).toEqual([
      [{ kind: 'resident', residentId: 'r0' }, 36.6, 'verified'],
      [{ kind: 'resident', residentId: 'r2' }, 38.4, 'manual'],
      [{ kind: 'resident', residentId: 'r3' }, 36.6, 'manual'],
    ]);
  });
  it('a member without a phone: their card through the no-phone lane', () => {
    const child = read({ readId: 'read-3', name: '王*', age: 10, noPhone: { allowed: true, basis: 'under-14', districtList: false } });
    const state = run([...start, normal, { type: 'mask-checked', worn: true }, card(child)]);
    expect(state.step).toMatchObject({ name: 'member-code', read: { readId: 'read-3' } });
    const coded = next(state, { type: 'colour-chosen', colour: 'green', why: '儿童无手机' });
    expect(coded.step).toMatchObject({ name: 'temperature', code: { kind: 'no-phone', basis: 'under-14', colour: 'green' } });
  });
  it('a member with a red code is recorded without temperature, and the group goes on', () => {
    const state = run([...start, normal, { type: 'mask-checked', worn: true }, { type: 'colour-chosen', colour: 'red', why: 'x' }]);
    expect(state.step).toMatchObject({ name: 'member-code', person: { residentId: 'r3' } });
    expect(state.group?.facts).toHaveLength(2);
  });
  it('the result, then the next person; a failed call can be retried', () => {
    const saving = run([...start, normal, { type: 'mask-checked', worn: true }, { type: 'colour-chosen', colour: 'red', why: 'x' }, { type: 'colour-chosen', colour: 'red', why: 'x' }]);
    const failed = next(saving, { type: 'record-failed', message: 'disk full' });
    expect(next(failed, { type: 'retry' }).step.name).toBe('saving-group');
    const done = next(saving, { type: 'group-recorded', entries: [] });
    expect(done).toMatchObject({ group: null, step: { name: 'group-result' } });
    expect(next(done, { type: 'reset' }).step.name).toBe('scan');
  });
  it('a visitor cannot start a household group', () => {
    const visitor: PersonRef = { kind: 'visitor', visitorId: 'v1', name: '李*', household: null };
    expect(run([...scanned, { type: 'matched', person: null }, { type: 'identity-chosen', how: 'visitor' }, { type: 'person-chosen', person: visitor }]).step.name).toBe('temperature');
    const confirm = { ...initialState, step: { name: 'confirm-person' as const, code: { kind: 'verified' as const, checkId: 'c1', result: green }, person: visitor } };
    expect(next(confirm, { type: 'household-requested' }).step.name).toBe('confirm-person');
  });
});
