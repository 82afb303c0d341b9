// Shifts: sign on with name and PIN, entries carry the shift, and a hand-over summary both volunteers confirm.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarise } from '../../../../src/kiosk/features/shifts/shifts-service.ts';
import { MANAGER, startTestCore, VOLUNTEERS, type TestCore } from '../../../support/gate-core.ts';

const [li, wang] = VOLUNTEERS as [typeof VOLUNTEERS[0], typeof VOLUNTEERS[0]];
const green = { kind: 'manual', colour: 'green', why: 'phone shown' } as const;

describe('shift summary counts', () => {
  it.each([
    ['nothing recorded', [], { entries: 0, passes: 0, refusals: 0, refusalsByReason: {}, fevers: 0, visitors: 0, overrides: 0 }],
    [
      'passes, refusals by reason, fevers, visitors and overrides',
      [
        { decision: 'pass', reasons: '[]', person_kind: 'resident', override_id: null },
        { decision: 'refuse', reasons: '["fever","mask-missing"]', person_kind: 'visitor', override_id: null },
        { decision: 'refuse', reasons: '["fever"]', person_kind: 'resident', override_id: null },
        { decision: 'pass', reasons: '["fever"]', person_kind: 'resident', override_id: 'o1' },
        { decision: 'pass', reasons: '[]', person_kind: 'visitor', override_id: null },
      ],
      { entries: 5, passes: 3, refusals: 2, refusalsByReason: { fever: 2, 'mask-missing': 1 }, fevers: 3, visitors: 2, overrides: 1 },
    ],
  ])('%s', (_case, rows, expected) => {
    expect(summarise(rows)).toEqual(expected);
  });
});

describe('shifts', () => {
  let t: TestCore;
  let householdId: string;

  beforeAll(async () => {
    t = await startTestCore({ now: '2026-11-30T00:00:00Z' });
    householdId = (await t.call('roster.households.save', { building: '1', room: '101' }, t.manager)).id;
  });
  afterAll(() => t?.close());

  it('signs a volunteer on with name and PIN, and refuses a wrong PIN or a second shift', async () => {
    expect(await t.call('shifts.current')).toEqual({ shift: null });
    expect((await t.fail('shifts.signOn', { name: li.username, pin: '0000' })).code).toBe('forbidden');
    expect((await t.fail('shifts.signOn', { name: li.username, pin: '12' })).message).toMatch(/4 to 8 digits/);
    const shift = await t.call('shifts.signOn', { name: li.username, pin: li.pin });
    expect(shift).toMatchObject({ volunteer: li.displayName, endedAt: null });
    expect((await t.fail('shifts.signOn', { name: wang.username, pin: wang.pin })).message).toMatch(/李志愿 is on duty.*hand-over/);
  });

  it('hands over with a summary both volunteers confirm, and the next entries carry the new shift', async () => {
    const visitor = await t.call('roster.visitors.register', { name: '赵六', phone: '13900001111', householdId, purpose: '送药' });
    const base = { direction: 'in', identity: {}, code: green, maskWorn: true };
    await t.call('entries.record', { ...base, person: { kind: 'visitor', visitorId: visitor.id }, temperature: { bodyC: 36.6, source: 'device' } });
    await t.call('entries.record', { ...base, person: { kind: 'visitor', visitorId: visitor.id }, temperature: { bodyC: 38.1, source: 'device' } });
    await t.call('entries.record', { ...base, identity: { name: '路人' }, temperature: { bodyC: 36.6, source: 'device' } });
    const { overrideId } = await t.call('gate.override.authorize', { manager: { username: MANAGER.username, secret: MANAGER.password }, reason: '救护车' });
    await t.call('entries.record', { ...base, code: { ...green, colour: 'red' }, identity: { name: '急救员' }, overrideId });

    const summary = await t.call('shifts.summary');
    expect(summary).toMatchObject({ volunteer: li.displayName, entries: 4, passes: 2, refusals: 2, refusalsByReason: { fever: 1, 'details-missing': 1 }, fevers: 1, visitors: 2, overrides: 1, notUploaded: 4 });

    // Neither a wrong outgoing PIN nor a wrong incoming one changes anything.
    expect((await t.fail('shifts.handOver', { outgoingPin: '0000', incoming: { name: wang.username, pin: wang.pin } })).code).toBe('forbidden');
    expect((await t.fail('shifts.handOver', { outgoingPin: li.pin, incoming: { name: wang.username, pin: '0000' } })).code).toBe('forbidden');
    expect((await t.fail('shifts.handOver', { outgoingPin: li.pin, incoming: { name: li.username, pin: li.pin } })).message).toMatch(/someone else/);
    expect((await t.call('shifts.current')).shift.volunteer).toBe(li.displayName);

    t.setNow('2026-11-30T04:00:00Z');
    const done = await t.call('shifts.handOver', { outgoingPin: li.pin, incoming: { name: wang.username, pin: wang.pin } });
    expect(done.ended).toMatchObject({ volunteer: li.displayName, endedAt: '2026-11-30T04:00:00.000Z' });
    expect(done.started).toMatchObject({ volunteer: wang.displayName, startedAt: '2026-11-30T04:00:00.000Z' });
    expect(done.summary).toMatchObject({ entries: 4, to: '2026-11-30T04:00:00.000Z' });
    const stored = t.core.db.prepare('SELECT summary, handed_to FROM shifts WHERE id = ?').get(done.ended.id) as { summary: string; handed_to: string };
    expect(JSON.parse(stored.summary)).toEqual(done.summary);
    expect(stored.handed_to).toBe(done.started.id);
    expect(t.core.db.prepare("SELECT actor, subject FROM audit_log WHERE action = 'shift-hand-over'").all()).toEqual([{ actor: li.username, subject: done.ended.id }]);

    const next = await t.call('entries.record', { ...base, person: { kind: 'visitor', visitorId: visitor.id }, temperature: { bodyC: 36.4, source: 'device' } });
    expect(next).toMatchObject({ volunteer: wang.displayName, shiftId: done.started.id });
    expect(await t.call('shifts.summary')).toMatchObject({ entries: 1, passes: 1 });
  });

  it('closes the gate: the last volunteer signs off alone', async () => {
    const done = await t.call('shifts.handOver', { outgoingPin: wang.pin, incoming: null });
    expect(done.started).toBeNull();
    expect(await t.call('shifts.current')).toEqual({ shift: null });
    expect((await t.fail('shifts.summary')).message).toMatch(/Nobody is signed on/);
  });
});
