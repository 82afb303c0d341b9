// ID cards through the real core (the simulated reader, which goes through the production decoder): a card is matched
// on the roster by keyed hash, a stranger's card prefills a visitor, an expired card says so, the card is compared
// with a code's holder, the no-phone lane records by the district list or the manual path, and a household passes as
// one group with one refusal. No full ID number appears in any answer, event, log line or database row.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdentityRead } from '../../../../src/common/contract/id-card.ts';
import { Policy } from '../../../../src/common/contract/policy.ts';
import { SAMPLE_CARDS, withCheckCharacter } from '../../../../src/kiosk/platform/devices/id-card/sample-cards.ts';
import { openKioskDb } from '../../../support/kiosk-db.ts';
import { startTestCore, VOLUNTEERS, type TestCore } from '../../../support/gate-core.ts';

const checked = { temperature: { bodyC: 36.5, source: 'device' }, maskWorn: true } as const;
const green = { kind: 'manual', colour: 'green', why: 'phone shown' } as const;
const fullNumbers = Object.values(SAMPLE_CARDS).map((c) => c.idNumber);

describe('ID cards at the gate (core)', () => {
  let t: TestCore;
  let householdId: string;
  let wangId: string;
  let sonId: string;
  let daughterId: string;
  const events: Array<{ event: string; payload: unknown }> = [];
  let policyVersion = 0;

  async function place(card: keyof typeof SAMPLE_CARDS): Promise<IdentityRead> {
    const before = events.length;
    await t.call('sim.idcard.place', { card });
    const read = events.slice(before).find((e) => e.event === 'idcard.read');
    expect(read).toBeDefined();
    await t.call('sim.idcard.remove');
    return read!.payload as IdentityRead;
  }
  async function setPolicy(change: Record<string, unknown>) {
    policyVersion = (await t.call('policy.update', { policy: Policy.parse(change), basedOnVersion: policyVersion }, t.manager)).version;
  }

  beforeAll(async () => {
    t = await startTestCore({ now: '2026-12-02T02:00:00Z' });
    await t.call('shifts.signOn', { name: VOLUNTEERS[0]!.username, pin: VOLUNTEERS[0]!.pin });
    t.core.bus.onAny((event, payload) => events.push({ event, payload }));
    const household = await t.call('roster.households.save', { building: '3', unit: '2', room: '501' }, t.manager);
    householdId = household.id;
    // The card's number typed once by a manager: only its hash and masked form are kept.
    wangId = (await t.call('roster.residents.save', { householdId, name: '王小明', idNumber: SAMPLE_CARDS.wang.idNumber }, t.manager)).id;
    sonId = (await t.call('roster.residents.save', { householdId, name: '王乐', idNumber: SAMPLE_CARDS.zhang.idNumber }, t.manager)).id;
    daughterId = (await t.call('roster.residents.save', { householdId, name: '王小红' }, t.manager)).id;
  });
  afterAll(() => t.close());

  it('matches a resident by the card, masked, and says the reader is there', async () => {
    const read = await place('wang');
    expect(read).toMatchObject({ source: 'card', name: '王*明', sex: 'male', expired: false, match: { kind: 'resident', resident: { id: wangId, name: '王*明' } }, visitor: null });
    expect(read.maskedId).toMatch(/^3101\*{10}/);
    expect(read.noPhone).toEqual({ allowed: false, why: 'not-eligible' });
    const statuses = await t.call('devices.status');
    expect(statuses).toContainEqual(expect.objectContaining({ kind: 'id-reader', state: 'ready', simulated: true }));
  });

  it("prefills a stranger's card as a visitor, keeps the card's hash, and finds them by card next time", async () => {
    const read = await place('li');
    expect(read).toMatchObject({ match: null, visitor: null, validUntil: 'long-term', age: 74, noPhone: { allowed: true, basis: 'over-60', districtList: false } });
    const visitor = await t.call('idcard.visitor.register', { readId: read.readId, phone: '13812341234', household: '3-2-501', purpose: '探亲' });
    expect(visitor).toMatchObject({ name: '李*英', maskedId: read.maskedId });
    const again = await place('li');
    expect(again.visitor).toMatchObject({ id: visitor.id });
    // A typed number finds the same visitor.
    expect((await t.call('idcard.lookup', { idNumber: SAMPLE_CARDS.li.idNumber })).visitor).toMatchObject({ id: visitor.id });
  });

  it('says an expired card is expired', async () => {
    expect(await place('zhao')).toMatchObject({ expired: true, validUntil: '2024-01-10' });
  });

  it('compares the card with a code holder by name', async () => {
    const read = await place('wang');
    const mine = await t.call('codes.verify', { text: 'GK1:not-a-code' });
    expect(await t.call('idcard.compare', { readId: read.readId, checkId: mine.checkId })).toEqual({ agreement: 'unknown', by: null });
  });

  it('records a person without a phone by the manual path with the reason, and refuses one the lane does not admit', async () => {
    const elderly = await place('li');
    const visitor = await t.call('idcard.visitor.register', { readId: elderly.readId, id: elderly.visitor!.id, phone: '13812341234', household: '3-2-501', purpose: '探亲' });
    const withoutColour = await t.fail('entries.record', { direction: 'in', identity: {}, code: { kind: 'no-phone', readId: elderly.readId }, person: { kind: 'visitor', visitorId: visitor.id }, ...checked });
    expect(withoutColour.message).toMatch(/No district status list is published: record the colour by the manual path/);
    const entry = await t.call('entries.record', { direction: 'in', identity: {}, code: { kind: 'no-phone', readId: elderly.readId, colour: 'green', why: '老人无智能手机，出示纸质证明' }, person: { kind: 'visitor', visitorId: visitor.id }, cardReadId: elderly.readId, ...checked });
    expect(entry).toMatchObject({ decision: 'pass', code: { status: 'green', source: 'manual' }, manualReason: 'no phone (over-60): 老人无智能手机，出示纸质证明' });

    const adult = await place('wang');
    const refused = await t.call('entries.record', { direction: 'in', identity: {}, code: { kind: 'no-phone', readId: adult.readId, colour: 'green', why: 'x' }, person: { kind: 'resident', residentId: wangId }, ...checked });
    expect(refused).toMatchObject({ decision: 'refuse', reasons: ['no-phone-not-allowed'] });
    // Registered as without a phone: the same adult is admitted.
    await setPolicy({ noPhoneLane: { for: ['registered-no-phone'] } });
    await t.call('roster.residents.save', { id: wangId, householdId, name: '王小明', noPhone: true }, t.manager);
    const registered = await t.call('entries.record', { direction: 'in', identity: {}, code: { kind: 'no-phone', readId: adult.readId, colour: 'green', why: '登记无手机' }, person: { kind: 'resident', residentId: wangId }, ...checked });
    expect(registered).toMatchObject({ decision: 'pass', manualReason: 'no phone (registered-no-phone): 登记无手机' });
    await setPolicy({});
  });

  it('where the district publishes a status list, a person without a phone passes by it, no colour claimed', async () => {
    // What the sync writes once a signed watch list is verified (features/sync): a list in force, nobody on it.
    t.core.db.prepare("INSERT INTO sync_downlink (kind, version, content, updated_at, checked_at) VALUES ('watch-list', 1, '{}', ?, ?)").run('2026-12-02T01:00:00Z', '2026-12-02T01:00:00Z');
    const child = await place('zhang');
    expect(child.noPhone).toEqual({ allowed: true, basis: 'under-14', districtList: true });
    const entry = await t.call('entries.record', { direction: 'in', identity: {}, code: { kind: 'no-phone', readId: child.readId }, person: { kind: 'resident', residentId: sonId }, ...checked });
    expect(entry).toMatchObject({ decision: 'pass', code: { status: 'green', source: 'district-list' }, manualReason: null });
    // The card is the son's (same keyed hash, though the roster spells him 王乐): not a holder mismatch. Someone else's
    // card, by hash or (nobody's number on file) by name, records nothing.
    expect(entry.holderCheck).toBeUndefined();
    for (const residentId of [wangId, daughterId]) {
      const other = await t.fail('entries.record', { direction: 'in', identity: {}, code: { kind: 'no-phone', readId: child.readId }, person: { kind: 'resident', residentId }, ...checked, holderConfirmed: true });
      expect(other.message).toMatch(/The ID card read is not the person chosen/);
    }
    t.core.db.prepare("DELETE FROM sync_downlink WHERE kind = 'watch-list'").run();
  });

  it('a roster import marks residents without a smartphone, and the no-phone lane admits them', async () => {
    const number = withCheckCharacter('31010119700101123');
    const csv = `\uFEFF门牌,姓名,身份证号,无手机\n3-2-501,赵老伯,${number},是\n3-2-501,赵小伯,,\n`;
    const report = await t.call('roster.import', { kind: 'residents', format: 'csv', base64: Buffer.from(csv, 'utf8').toString('base64') }, t.manager);
    expect(report).toMatchObject({ ok: true, imported: 2 });
    expect(await t.call('idcard.lookup', { idNumber: number })).toMatchObject({ age: 56, match: { resident: { name: '赵*伯' } }, noPhone: { allowed: true, basis: 'registered-no-phone' } });
    expect(t.core.db.prepare("SELECT name, no_phone FROM residents WHERE name LIKE '赵%' ORDER BY name").all()).toEqual([
      { name: '赵小伯', no_phone: 0 },
      { name: '赵老伯', no_phone: 1 },
    ]);
  });

  it('records a household of three together: one fever refuses only that member, and the policy can refuse all', async () => {
    const member = (residentId: string, bodyC: number) => ({ direction: 'in', identity: {}, code: green, person: { kind: 'resident', residentId }, temperature: { bodyC, source: 'device' }, maskWorn: true });
    const { groupId, entries } = await t.call('entries.recordGroup', { members: [member(wangId, 36.5), member(sonId, 38.2), member(daughterId, 36.6)] });
    expect(entries.map((e: { decision: string; groupId: string }) => [e.decision, e.groupId])).toEqual([
      ['pass', groupId],
      ['refuse', groupId],
      ['pass', groupId],
    ]);
    expect(entries[1].reasons).toEqual(['fever']);
    await setPolicy({ householdGroups: { refuseAllWhenOneRefused: true } });
    const all = await t.call('entries.recordGroup', { members: [member(wangId, 36.5), member(sonId, 38.2), member(daughterId, 36.6)] });
    expect(all.entries.map((e: { decision: string; reasons: string[] }) => [e.decision, e.reasons])).toEqual([
      ['refuse', ['group-member-refused']],
      ['refuse', ['fever']],
      ['refuse', ['group-member-refused']],
    ]);
    await setPolicy({});
    const today = await t.call('entries.today', { limit: 50 });
    expect(today.entries.filter((e: { groupId?: string }) => e.groupId === groupId)).toHaveLength(3);
  });

  it('never lets a full ID number out: answers, events, the log and the database', async () => {
    const everything = JSON.stringify(events) + JSON.stringify(await t.call('entries.today', { limit: 100 }));
    const db = openKioskDb(t.dataDir, { readonly: true });
    try {
      const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all();
      const dump = tables.map(({ name }) => JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all())).join('\n');
      for (const number of fullNumbers) {
        expect(everything).not.toContain(number);
        expect(dump).not.toContain(number);
      }
    } finally {
      db.close();
    }
    // And no file in the data folder holds one in clear.
    for (const file of readdirSync(t.dataDir, { recursive: true, withFileTypes: true })) {
      if (!file.isFile()) continue;
      const bytes = readFileSync(join(file.parentPath, file.name)).toString('latin1');
      for (const number of fullNumbers) expect(bytes).not.toContain(number);
    }
  });
});
