// Issue 12, items 5 and 10: what an unsigned caller on 127.0.0.1 and a volunteer signed in from the network can read
// of the compound's people, over real HTTP and HTTPS. Every gate call and event answers masked; the full record needs
// a manager, a reason and leaves an audit record; an event stream ends with the session that opened it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANAGER, startSecurityHost, until, VOLUNTEER, type SecurityHost } from '../../../support/security-host.ts';

const RESIDENT = { name: '王小明', idNumber: '110105199003071239', household: '3-2-501', plate: '京A12345' };
const VISITOR = { name: '赵六', phone: '13900001111', purpose: '探望母亲' };
// What must never reach the gate in full, except what the caller typed itself.
const SECRETS = [RESIDENT.name, RESIDENT.idNumber, VISITOR.name, VISITOR.phone, VISITOR.purpose];

let h: SecurityHost;
let card: string;
let residentId: string;
let visitorId: string;

beforeAll(async () => {
  h = await startSecurityHost();
  const manager = await h.signIn('loopback', MANAGER);
  const household = await h.call('loopback', 'roster.households.save', { building: '3', unit: '2', room: '501' }, { token: manager });
  residentId = (await h.call('loopback', 'roster.residents.save', { householdId: household.id, name: RESIDENT.name, idNumber: RESIDENT.idNumber, phone: '13812345678' }, { token: manager })).id;
  await h.call('loopback', 'roster.vehicles.save', { householdId: household.id, plate: RESIDENT.plate }, { token: manager });
  card = (await h.call('loopback', 'roster.cards', { residentIds: [residentId] }, { token: manager })).cards[0].code;
  // The gate records people once a volunteer has signed on with the PIN.
  await h.call('loopback', 'shifts.signOn', { name: VOLUNTEER.username, pin: VOLUNTEER.pin });
  visitorId = (await h.call('loopback', 'roster.visitors.register', { name: VISITOR.name, phone: VISITOR.phone, household: RESIDENT.household, purpose: VISITOR.purpose })).id;
  await recordResident();
}, 60_000);
afterAll(() => h?.close());

const manual = { kind: 'manual', colour: 'green', why: '老人无智能手机' };
const checks = { temperature: { bodyC: 36.5, source: 'manual' }, maskWorn: true };
const recordResident = () => h.call('loopback', 'entries.record', { direction: 'in', identity: {}, code: manual, ...checks, person: { kind: 'resident', residentId }, plate: RESIDENT.plate });

function expectMasked(text: string, allowed: string[] = []): void {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
  if (!allowed.includes(RESIDENT.household)) expect(text).not.toContain(RESIDENT.household);
  if (!allowed.includes(RESIDENT.plate)) expect(text).not.toContain(RESIDENT.plate);
}

/** The gate's calls, as an unsigned program on this PC or a signed-in volunteer elsewhere makes them. */
const gateCalls = (): Array<[string, unknown, string[]]> => [
  ['roster.residents.find', { idNumber: RESIDENT.idNumber }, []],
  ['roster.residents.find', { household: RESIDENT.household }, [RESIDENT.household]],
  ['roster.vehicles.find', { plate: RESIDENT.plate }, [RESIDENT.plate]],
  ['roster.visitors.find', { phone: VISITOR.phone }, []],
  ['entries.today', {}, []],
];

describe('what the gate can read', () => {
  it('answers an unsigned caller on 127.0.0.1 with masked people only', async () => {
    for (const [method, input, echoed] of gateCalls()) {
      const reply = await h.request('loopback', `/api/invoke/${method}`, { body: input });
      expect(reply.status, method).toBe(200);
      expectMasked(reply.text, echoed);
    }
    const today = await h.call('loopback', 'entries.today', {});
    expect(today.entries[0]).toMatchObject({ identity: { name: '王*明' }, person: { household: '3-2-5**' }, plate: '京A***45' });
    const visitor = (await h.call('loopback', 'roster.visitors.find', { phone: VISITOR.phone })).visitor;
    expect(visitor).toMatchObject({ id: visitorId, name: '赵*', maskedPhone: '139****1111', lastHousehold: '3-2-5**', lastPurpose: null });
  });

  it('answers a printed card at the gate with the masked person', async () => {
    const checked = await h.request('loopback', '/api/invoke/codes.verify', { body: { text: card } });
    expect(checked.json.value.result).toMatchObject({ status: 'green', source: 'resident-card' });
    expect(checked.json.value.result.idHash).toBeUndefined();
    const match = await h.request('loopback', '/api/invoke/gate.match', { body: { checkId: checked.json.value.checkId } });
    expect(match.json.value.match.resident).toMatchObject({ id: residentId, name: '王*明', household: '3-2-5**', cardId: null });
    expectMasked(checked.text + match.text);
  });

  it('answers a volunteer signed in from elsewhere on the network the same way, never in full', async () => {
    const token = await h.signIn('lan', VOLUNTEER, '127.0.0.2');
    for (const [method, input, echoed] of gateCalls()) {
      const reply = await h.request('lan', `/api/invoke/${method}`, { body: input, token, from: '127.0.0.2' });
      expect(reply.status, method).toBe(200);
      expectMasked(reply.text, echoed);
    }
    // The console's calls stay closed to a volunteer.
    const today = new Date().toISOString().slice(0, 10);
    expect((await h.request('lan', '/api/invoke/log.query', { body: { filter: { from: today } }, token, from: '127.0.0.2' })).status).toBe(403);
  });

  it('streams every committed entry masked, to the kiosk screen and to the network', async () => {
    const token = await h.signIn('lan', VOLUNTEER, '127.0.0.2');
    const screen = await h.events('loopback');
    const remote = await h.events('lan', { token, from: '127.0.0.2' });
    expect([screen.status, remote.status]).toEqual([200, 200]);
    const entry = await recordResident();
    await until(() => screen.text().includes(entry.id) && remote.text().includes(entry.id), 'the entry on both streams');
    for (const stream of [screen, remote]) {
      expect(stream.text()).toContain('王*明');
      expectMasked(stream.text());
      stream.close();
    }
  });

  it('gives the full record to a manager only, for a reason, and audits it', async () => {
    const manager = await h.signIn('lan', MANAGER, '127.0.0.3');
    const today = new Date().toISOString().slice(0, 10);
    const page = await h.call('lan', 'log.query', { filter: { from: today, to: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10) } }, { token: manager, from: '127.0.0.3' });
    // The console's table masks names and identifiers (households and plates are a manager's to see).
    for (const secret of SECRETS) expect(JSON.stringify(page.rows)).not.toContain(secret);
    const revealed = await h.call('lan', 'log.reveal', { id: page.rows[0].id, reason: '流调需要核实' }, { token: manager, from: '127.0.0.3' });
    expect(revealed).toMatchObject({ name: RESIDENT.name, household: RESIDENT.household, plate: RESIDENT.plate });
    const audit = await h.call('lan', 'audit.list', { action: 'reveal' }, { token: manager, from: '127.0.0.3' });
    expect(audit.records[0]).toMatchObject({ actor: MANAGER.username, subject: page.rows[0].id, detail: { reason: '流调需要核实' } });
  });
});

describe('event streams and sessions', () => {
  it('needs a live session on the network, and ends the stream when its session ends', async () => {
    expect((await h.events('lan', { from: '127.0.0.4' })).status).toBe(401);
    expect((await h.events('lan', { token: 'made-up', from: '127.0.0.4' })).status).toBe(401);
    const token = await h.signIn('lan', MANAGER, '127.0.0.4');
    const stream = await h.events('lan', { token, from: '127.0.0.4' });
    expect(stream.status).toBe(200);
    await h.call('lan', 'accounts.signOut', {}, { token, from: '127.0.0.4' });
    await stream.ended;
    // Reconnecting with the old token is refused.
    expect((await h.events('lan', { token, from: '127.0.0.4' })).status).toBe(401);
  });

  it('ends every stream of an account whose password changes or that is switched off', async () => {
    const token = await h.signIn('lan', VOLUNTEER, '127.0.0.5');
    const stream = await h.events('lan', { token, from: '127.0.0.5' });
    const manager = await h.signIn('loopback', MANAGER);
    const li = (await h.call('loopback', 'accounts.list', {}, { token: manager })).users.find((u: { username: string }) => u.username === VOLUNTEER.username);
    await h.call('loopback', 'accounts.update', { id: li.id, password: 'volunteer-pass-2' }, { token: manager });
    await stream.ended;
    await h.call('loopback', 'accounts.update', { id: li.id, password: VOLUNTEER.password }, { token: manager });
  });

  it('ends the stream of a manager session that has been idle for 30 minutes, though the stream itself stayed open', async () => {
    const token = await h.signIn('lan', MANAGER, '127.0.0.10');
    const stream = await h.events('lan', { token, from: '127.0.0.10' });
    expect(stream.status).toBe(200);
    h.advance(31 * 60_000);
    await stream.ended;
    expect((await h.request('lan', '/api/invoke/system.info', { body: {}, token, from: '127.0.0.10' })).status).toBe(401);
  });

  it('on 127.0.0.1 a stale token listens as the kiosk screen: the gate never goes deaf, and learns nothing more', async () => {
    const stream = await h.events('loopback', { token: 'stale-token' });
    expect(stream.status).toBe(200);
    const entry = await recordResident();
    await until(() => stream.text().includes(entry.id), 'the entry on the stream');
    expectMasked(stream.text());
    stream.close();
  });

  it('keeps raw scans (a DCC holds a full name) off streams elsewhere on the network, except an admin’s', async () => {
    const volunteer = await h.signIn('lan', VOLUNTEER, '127.0.0.6');
    const remote = await h.events('lan', { token: volunteer, from: '127.0.0.6' });
    const screen = await h.events('loopback');
    h.core.bus.publish('scanner.scan', { text: 'HC1:Erika Mustermann', at: new Date().toISOString(), source: 'hid-pos' } as never);
    const entry = await recordResident();
    await until(() => remote.text().includes(entry.id) && screen.text().includes('HC1:'), 'the entry elsewhere and the scan on the kiosk screen');
    expect(remote.text()).not.toContain('HC1:');
    remote.close();
    screen.close();
  });
});
