// Issue 12, item 6: a web page on another origin, open in the kiosk's browser (or an office PC's), sends what a page
// can send without asking: a "simple" POST (text/plain or a form, no preflight) and requests naming its own Origin.
// None of it sets the kiosk up, writes the log, changes a visitor or opens the event stream.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKioskDb } from '../../../support/kiosk-db.ts';
import { startSecurityHost, VOLUNTEER, type SecurityHost } from '../../../support/security-host.ts';

const EVIL = 'http://evil.example';
const setup = { compoundName: '攻击者小区', compoundCode: 'EVIL', manager: { username: 'attacker', displayName: 'A', password: 'attacker-pass' }, registryUrl: '' };
const manualPass = { direction: 'in', identity: { name: '假人' }, code: { kind: 'manual', colour: 'green', why: 'x' }, temperature: { bodyC: 36.5, source: 'manual' }, maskWorn: true };

function count(h: SecurityHost, sql: string): number {
  const db = openKioskDb(h.dataDir, { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('a page on another origin', () => {
  let h: SecurityHost;
  beforeAll(async () => {
    h = await startSecurityHost({ fresh: true });
  }, 60_000);
  afterAll(() => h?.close());

  it('cannot do the first-start setup with a simple POST, nor with JSON naming its own origin', async () => {
    const simple = await h.request('loopback', '/api/invoke/setup.complete', { body: JSON.stringify(setup), headers: { 'content-type': 'text/plain;charset=UTF-8', origin: EVIL } });
    expect(simple.status).toBe(403);
    // Each check stands on its own: a simple POST is refused for its type even where no Origin came with it.
    expect((await h.request('loopback', '/api/invoke/setup.complete', { body: JSON.stringify(setup), headers: { 'content-type': 'text/plain;charset=UTF-8' } })).status).toBe(415);
    const form = await h.request('loopback', '/api/invoke/setup.complete', { body: 'compoundName=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    const named = await h.request('loopback', '/api/invoke/setup.complete', { body: setup, headers: { origin: EVIL } });
    expect([named.status, named.json.error.code]).toEqual([403, 'forbidden']);
    // Through DNS rebinding the Host is the attacker's name: refused too.
    expect((await h.request('loopback', '/api/invoke/setup.complete', { body: setup, headers: { host: 'evil.example', origin: EVIL } })).status).toBe(421);
    expect(await h.call('loopback', 'setup.status')).toMatchObject({ needsSetup: true, compoundName: '示例小区' });
    expect(count(h, 'SELECT count(*) AS n FROM users')).toBe(0);
  });

  it('is told apart from the kiosk’s own page, whose calls go through', async () => {
    const own = await h.request('loopback', '/api/invoke/setup.status', { body: {}, headers: { origin: `http://127.0.0.1:${h.loopback.port}` } });
    expect(own.status).toBe(200);
    expect((await h.request('loopback', '/api/invoke/setup.status', { body: {}, headers: { origin: `http://localhost:${h.loopback.port}` } })).status).toBe(403);
  });
});

describe('a page on another origin, once the kiosk is set up', () => {
  let h: SecurityHost;
  let visitorId: string;
  beforeAll(async () => {
    h = await startSecurityHost();
    const manager = await h.signIn('loopback', { username: 'wang', password: 'manager-pass' });
    await h.call('loopback', 'roster.households.save', { building: '3', unit: '2', room: '501' }, { token: manager });
    await h.call('loopback', 'shifts.signOn', { name: VOLUNTEER.username, pin: VOLUNTEER.pin });
    visitorId = (await h.call('loopback', 'roster.visitors.register', { name: '赵六', phone: '13900001111', household: '3-2-501', purpose: '送药' })).id;
  }, 60_000);
  afterAll(() => h?.close());

  it('cannot write the log', async () => {
    const before = count(h, 'SELECT count(*) AS n FROM entries');
    expect((await h.request('loopback', '/api/invoke/entries.record', { body: JSON.stringify(manualPass), headers: { 'content-type': 'text/plain', origin: EVIL } })).status).toBe(403);
    expect((await h.request('loopback', '/api/invoke/entries.record', { body: JSON.stringify(manualPass), headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await h.request('loopback', '/api/invoke/entries.record', { body: manualPass, headers: { origin: EVIL } })).status).toBe(403);
    expect((await h.request('loopback', '/api/invoke/entries.record', { body: manualPass, headers: { origin: 'null' } })).status).toBe(403);
    expect(count(h, 'SELECT count(*) AS n FROM entries')).toBe(before);
  });

  it('cannot overwrite a visitor', async () => {
    const overwrite = { id: visitorId, name: '攻击者', phone: '13000000000', household: '3-2-501', purpose: 'x' };
    expect((await h.request('loopback', '/api/invoke/roster.visitors.register', { body: JSON.stringify(overwrite), headers: { 'content-type': 'text/plain', origin: EVIL } })).status).toBe(403);
    expect((await h.request('loopback', '/api/invoke/roster.visitors.register', { body: JSON.stringify(overwrite), headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await h.request('loopback', '/api/invoke/roster.visitors.register', { body: overwrite, headers: { origin: EVIL } })).status).toBe(403);
    const db = openKioskDb(h.dataDir, { readonly: true });
    try {
      expect(db.prepare('SELECT name, phone FROM visitors WHERE id = ?').get(visitorId)).toEqual({ name: '赵六', phone: '13900001111' });
    } finally {
      db.close();
    }
  });

  it('cannot listen to the event stream, on 127.0.0.1 or on the LAN', async () => {
    expect((await h.events('loopback', { headers: { origin: EVIL } })).status).toBe(403);
    const token = await h.signIn('lan', VOLUNTEER, '127.0.0.2');
    expect((await h.events('lan', { token, headers: { origin: 'https://evil.example' }, from: '127.0.0.2' })).status).toBe(403);
    const own = await h.events('lan', { token, headers: { origin: `https://127.0.0.1:${h.lan.port}` }, from: '127.0.0.2' });
    expect(own.status).toBe(200);
    own.close();
  });

  it('cannot call over the LAN either, even with a stolen session token', async () => {
    const token = await h.signIn('lan', VOLUNTEER, '127.0.0.2');
    const reply = await h.request('lan', '/api/invoke/entries.today', { body: {}, token, headers: { origin: 'https://evil.example' }, from: '127.0.0.2' });
    expect(reply.status).toBe(403);
    expect((await h.request('lan', '/api/invoke/entries.today', { body: {}, token, headers: { origin: `https://127.0.0.1:${h.lan.port}` }, from: '127.0.0.2' })).status).toBe(200);
  });
});
