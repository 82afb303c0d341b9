// The gate through the real core: who a person is comes from the records, every entry carries the shift, the
// policy's rules apply as saved, a manager's override is marked and audited, live figures come from the log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Policy } from '../../../../src/common/contract/policy.ts';
import { MANAGER, startTestCore, VOLUNTEERS, type TestCore } from '../../../support/gate-core.ts';

const green = { kind: 'manual', colour: 'green', why: 'phone shown' } as const;
const checked = { temperature: { bodyC: 36.5, source: 'device' }, maskWorn: true } as const;

describe('gate service', () => {
  let t: TestCore;
  let residentId: string;
  let sisterId: string;
  let policyVersion = 0;

  async function setPolicy(change: Record<string, unknown>) {
    const saved = await t.call('policy.update', { policy: Policy.parse(change), basedOnVersion: policyVersion }, t.manager);
    policyVersion = saved.version;
  }
  const record = (facts: Record<string, unknown>) => t.call('entries.record', { direction: 'in', identity: {}, code: green, ...checked, ...facts });

  beforeAll(async () => {
    t = await startTestCore({ now: '2026-11-30T02:00:00Z' });
    const household = await t.call('roster.households.save', { building: '3', unit: '2', room: '501' }, t.manager);
    residentId = (await t.call('roster.residents.save', { householdId: household.id, name: '李四', idNumber: '110105199003071239' }, t.manager)).id;
    sisterId = (await t.call('roster.residents.save', { householdId: household.id, name: '李五' }, t.manager)).id;
  });
  afterAll(() => t?.close());

  it('refuses to record while volunteers exist but nobody signed on, and records nothing', async () => {
    const error = await t.fail('entries.record', { direction: 'in', identity: {}, code: green, person: { kind: 'resident', residentId }, ...checked });
    expect(error.message).toMatch(/Nobody is signed on.*NOT recorded/);
    expect(t.core.db.prepare('SELECT count(*) AS n FROM entries').get()).toEqual({ n: 0 });
    await t.call('shifts.signOn', { name: VOLUNTEERS[0]!.username, pin: VOLUNTEERS[0]!.pin });
  });

  it('records a resident with the household and shift from the records, not the screen', async () => {
    const entry = await record({ person: { kind: 'resident', residentId }, identity: { name: 'someone else' }, durationMs: 9000 });
    // The gate is answered masked; the log keeps the record in full.
    expect(entry).toMatchObject({ decision: 'pass', identity: { name: '李*', maskedId: '1101**********1239' }, person: { kind: 'resident', household: '3-2-5**' }, volunteer: '李志愿', policyVersion: 0 });
    const row = t.core.db.prepare('SELECT identity_name, person_kind, household_label, shift_id, duration_ms, policy_version FROM entries WHERE id = ?').get(entry.id);
    const shift = (await t.call('shifts.current')).shift;
    expect(row).toEqual({ identity_name: '李四', person_kind: 'resident', household_label: '3-2-501', shift_id: shift.id, duration_ms: 9000, policy_version: 0 });
  });

  it('refuses an unknown person for missing details, and a visitor when the policy says no visitors', async () => {
    expect(await record({ identity: { name: '路人' } })).toMatchObject({ decision: 'refuse', reasons: ['details-missing'], person: { kind: 'unknown' } });
    const visitor = await t.call('roster.visitors.register', { name: '赵六', phone: '13900001111', household: '3-2-501', purpose: '送药' });
    expect(await record({ person: { kind: 'visitor', visitorId: visitor.id } })).toMatchObject({ decision: 'pass', person: { kind: 'visitor', household: '3-2-5**' } });
    await setPolicy({ visitorsAllowed: false });
    expect(await record({ person: { kind: 'visitor', visitorId: visitor.id } })).toMatchObject({ decision: 'refuse', reasons: ['visitors-not-allowed'], policyVersion: 1 });
  });

  it('counts a household outing quota over local days in the compound time zone', async () => {
    await setPolicy({ outingQuota: { members: 1, everyDays: 2 } });
    const out = (id: string) => record({ direction: 'out', person: { kind: 'resident', residentId: id }, temperature: undefined, maskWorn: undefined });
    expect(await out(residentId)).toMatchObject({ decision: 'pass' });
    expect(await out(sisterId)).toMatchObject({ decision: 'refuse', reasons: ['outing-quota'] });
    // 2026-12-01 23:59 Shanghai: still the second day of the period.
    t.setNow('2026-12-01T15:59:00Z');
    expect(await out(sisterId)).toMatchObject({ decision: 'refuse', reasons: ['outing-quota'] });
    // 00:00 on 2026-12-02 local (16:00 UTC): a new period, though it is still 2026-12-01 in UTC.
    t.setNow('2026-12-01T16:00:00Z');
    expect(await out(sisterId)).toMatchObject({ decision: 'pass' });
    await setPolicy({});
  });

  it('lets a manager override a refusal with a reason: marked in the log and audited', async () => {
    expect((await t.fail('gate.override.authorize', { manager: { username: VOLUNTEERS[0]!.username, secret: VOLUNTEERS[0]!.pin }, reason: '救护车' })).code).toBe('forbidden');
    expect((await t.fail('gate.override.authorize', { manager: { username: MANAGER.username, secret: 'wrong-password' }, reason: '救护车' })).code).toBe('forbidden');
    const { overrideId } = await t.call('gate.override.authorize', { manager: { username: MANAGER.username, secret: MANAGER.password }, reason: '救护车出诊' });
    const entry = await record({ person: { kind: 'resident', residentId }, temperature: { bodyC: 38.4, source: 'device' }, overrideId });
    expect(entry).toMatchObject({ decision: 'pass', reasons: ['fever'], override: { id: overrideId, by: '张经理', reason: '救护车出诊' } });
    expect(t.core.db.prepare('SELECT override_by, override_reason FROM entries WHERE id = ?').get(entry.id)).toEqual({ override_by: '张经理', override_reason: '救护车出诊' });
    const audit = t.core.db.prepare("SELECT actor, subject, detail FROM audit_log WHERE action = 'override' ORDER BY seq").all() as Array<{ actor: string; subject: string; detail: string }>;
    expect(audit.map((a) => [a.actor, JSON.parse(a.detail).stage])).toEqual([['zhang', 'authorised'], ['zhang', 'used']]);
    expect(audit[1]!.subject).toBe(entry.id);
    // One authorisation lets one person through.
    expect((await t.fail('entries.record', { direction: 'in', identity: {}, code: green, person: { kind: 'resident', residentId }, ...checked, overrideId })).message).toMatch(/expired or was used/);
  });

  it('audits every policy change with who and when, and refuses a change based on an old version', async () => {
    const history = (await t.call('policy.history', { limit: 10 }, t.manager)).versions;
    expect(history.map((v: any) => v.version)).toEqual([3, 2, 1, 0]);
    expect(history[0]).toMatchObject({ changedBy: 'zhang', changedAt: '2026-12-01T16:00:00.000Z' });
    const stale = await t.fail('policy.update', { policy: Policy.parse({}), basedOnVersion: 2 }, t.manager);
    expect(stale).toMatchObject({ code: 'conflict' });
    expect(stale.message).toMatch(/changed to version 3 by zhang/);
    const audit = t.core.db.prepare("SELECT actor, detail FROM audit_log WHERE action = 'policy-change' ORDER BY seq").all() as Array<{ actor: string; detail: string }>;
    expect(audit.map((a) => JSON.parse(a.detail).changed)).toEqual([['visitorsAllowed'], ['visitorsAllowed', 'outingQuota'], ['outingQuota']]);
    expect((await t.fail('policy.update', { policy: { feverLineC: 45 }, basedOnVersion: 3 }, t.manager)).message).toMatch(/feverLineC/);
    const byCredentials = await t.call('policy.update', { policy: Policy.parse({ feverLineC: 37.5 }), basedOnVersion: 3, manager: { username: MANAGER.username, secret: MANAGER.password } });
    expect(byCredentials).toMatchObject({ version: 4, changedBy: 'zhang' });
    expect((await t.call('system.info')).policy.feverLineC).toBe(37.5);
    expect((await t.fail('policy.update', { policy: Policy.parse({}), basedOnVersion: 5 })).code).toBe('forbidden');
  });

  it('switches to the fast lane in a peak window and reports live figures', async () => {
    await t.call('policy.update', { policy: Policy.parse({ feverLineC: 37.5, peakWindows: [{ start: '07:00', end: '09:00' }] }), basedOnVersion: 4 }, t.manager);
    t.setNow('2026-12-01T23:00:00Z'); // 07:00 in Shanghai
    for (let i = 0; i < 4; i++) await record({ person: { kind: 'resident', residentId }, lane: 'fast', durationMs: 6000 + i * 1000 });
    const status = await t.call('gate.status');
    expect(status).toMatchObject({ lane: 'fast', peakWindow: { start: '07:00', end: '09:00' }, policyVersion: 5 });
    expect(status.figures).toMatchObject({ lastTenMinutes: 4, medianSeconds: 7.5, saturated: false });
    expect(status.figures.queueEstimate).toBeGreaterThanOrEqual(0);
    t.setNow('2026-12-02T01:00:00Z'); // 09:00: the window is over
    expect(await t.call('gate.status')).toMatchObject({ lane: 'standard', peakWindow: null, figures: { lastTenMinutes: 0, medianSeconds: null } });
  });
});
