// Issues 12.14 and 12.15 from outside, over HTTP on both engines: the staff pages and JSON need a sign-in (accounts
// and roles at the registry, scrypt, throttling by source, sessions that expire), and enrolment is throttled by
// source. A LAN peer is simulated from 127.0.0.2.
import http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/registry/sql.ts';
import type { RunningRegistry } from '../../src/registry/server.ts';
import { IDLE_MS } from '../../src/registry/staff/accounts.ts';
import { backends } from '../support/registry-backends.ts';
import { admin, enrolTestKiosk, enrolmentCode, staffSession, testRegistry } from '../support/registry-harness.ts';

/** A request from a chosen local address (127.0.0.2 is "another machine" on loopback). */
function send(url: string, options: { method?: string; path: string; from?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(options.path, url);
    const req = http.request(
      { host: target.hostname, port: target.port, path: target.pathname + target.search, method: options.method ?? 'GET', headers: options.headers, localAddress: options.from ?? '127.0.0.1', agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const signIn = (url: string, username: string, password: string, from = '127.0.0.1') =>
  send(url, { method: 'POST', path: '/v1/staff/sign-in', from, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });

describe.each(backends())('staff sign-in and throttling on $name', (backend) => {
  let db: Database;
  let registry: RunningRegistry;
  let clock = Date.now();
  beforeAll(async () => {
    db = await backend.open();
  });
  afterAll(() => backend.close());
  beforeEach(async () => {
    await backend.reset(db);
    clock = Date.now();
    registry = await testRegistry(db, { now: () => clock });
    return () => registry.close();
  });

  it('every staff page and figure needs a sign-in; kiosks and anonymous callers get nothing', async () => {
    const kiosk = await enrolTestKiosk(registry.url, 'c-maple');
    await kiosk.send(kiosk.chain(2));
    for (const path of ['/v1/stats/daily', '/v1/problems', '/v1/staff/live', '/v1/staff/alerts', '/v1/staff/charts', '/v1/staff/compounds/c-maple', '/v1/staff/reports/daily', '/v1/staff/watch-lists']) {
      const anonymous = await send(registry.url, { path });
      expect(anonymous.status, path).toBe(401);
      expect(anonymous.text, path).not.toContain('c-maple');
      // The admin token is the command line's, not a staff session.
      expect((await send(registry.url, { path, headers: { authorization: 'Bearer test-admin-token' } })).status, path).toBe(401);
    }
    for (const path of ['/', '/stats', '/alerts', '/reports', '/watch-lists', '/compounds/c-maple', '/reports/daily.csv']) {
      const page = await send(registry.url, { path });
      expect(page.status, path).toBe(303);
      expect(page.headers.location, path).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
    }
    const staff = await staffSession(registry.url, 'viewer');
    const live = await send(registry.url, { path: '/v1/staff/live', headers: staff.headers });
    expect(live.status).toBe(200);
    expect(JSON.parse(live.text).compounds.map((c: any) => c.compoundId)).toEqual(['c-maple']);
    const page = await send(registry.url, { path: '/', headers: { cookie: staff.cookie } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('c-maple');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/);
  });

  it('a wrong password and an unknown user get the same answer; the page form signs in with a cookie and signs out', async () => {
    const staff = await staffSession(registry.url, 'viewer', 'lin');
    const wrong = await signIn(registry.url, 'lin', 'not-the-password');
    const unknown = await signIn(registry.url, 'nobody', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(JSON.parse(wrong.text)).toEqual(JSON.parse(unknown.text));

    const form = await send(registry.url, { method: 'POST', path: '/sign-in', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ username: 'lin', password: staff.password, next: '//evil.example/' }).toString() });
    expect(form.status).toBe(303);
    expect(form.headers.location).toBe('/');
    const cookie = String(form.headers['set-cookie']).split(';')[0]!;
    expect(String(form.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    expect((await send(registry.url, { path: '/alerts', headers: { cookie } })).status).toBe(200);
    expect((await send(registry.url, { method: 'POST', path: '/sign-out', headers: { cookie } })).status).toBe(303);
    expect((await send(registry.url, { path: '/alerts', headers: { cookie } })).status).toBe(303);
  });

  it('sessions end after 30 minutes without use and 12 hours in all', async () => {
    const staff = await staffSession(registry.url, 'viewer');
    const get = () => send(registry.url, { path: '/v1/staff/live', headers: staff.headers });
    expect((await get()).status).toBe(200);
    clock += IDLE_MS - 60_000;
    expect((await get()).status).toBe(200);
    clock += IDLE_MS + 1;
    expect((await get()).status).toBe(401);

    const busy = await staffSession(registry.url, 'viewer');
    // Used every 25 minutes: alive for 11 h 40 min, ended at 12 h however busy.
    for (let i = 1; i <= 28; i++) {
      clock += 25 * 60_000;
      expect((await send(registry.url, { path: '/v1/staff/live', headers: busy.headers })).status, `after ${i * 25} min`).toBe(200);
    }
    clock += 25 * 60_000;
    expect((await send(registry.url, { path: '/v1/staff/live', headers: busy.headers })).status).toBe(401);
  });

  it('failed sign-ins from one source slow that source down; the right password from another still works', async () => {
    const staff = await staffSession(registry.url, 'officer', 'chen');
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await signIn(registry.url, 'chen', `guess-${i}`, '127.0.0.2')).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toContain(429);
    const throttled = await signIn(registry.url, 'chen', staff.password, '127.0.0.2');
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.parse(throttled.text).error).toMatch(/wait \d+ s/);
    // Not a lock-out: the same account from the desk, right away.
    expect((await signIn(registry.url, 'chen', staff.password, '127.0.0.1')).status).toBe(200);
    // And the throttled source once its wait is over.
    clock += 10 * 60_000;
    expect((await signIn(registry.url, 'chen', staff.password, '127.0.0.2')).status).toBe(200);
    const logged = await admin(registry.url, 'GET', '/v1/admin/auth-failures', undefined);
    expect(logged.body.failures.filter((f: any) => f.reason === 'staff sign-in failed' && f.remote?.endsWith('127.0.0.2')).length).toBeGreaterThanOrEqual(5);
  });

  it('roles: a viewer reads, an officer acknowledges and publishes; a form from another site is refused', async () => {
    const viewer = await staffSession(registry.url, 'viewer');
    const officer = await staffSession(registry.url, 'officer');
    const csv = Buffer.from('id_number,kind\n110105199003071239,quarantine\n').toString('base64');
    const publish = (headers: Record<string, string>) =>
      send(registry.url, { method: 'POST', path: '/v1/staff/watch-lists', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ fileName: 'list.csv', contentBase64: csv }) });
    expect((await publish(viewer.headers)).status).toBe(403);
    expect((await publish(officer.headers)).status).toBe(200);
    const upload = (origin: string) =>
      send(registry.url, {
        method: 'POST',
        path: '/watch-lists',
        headers: { cookie: officer.cookie, origin, 'content-type': 'multipart/form-data; boundary=x' },
        body: '--x\r\nContent-Disposition: form-data; name="file"; filename="l.csv"\r\n\r\nid_number,kind\n110105199003071239,follow-up\n\r\n--x--\r\n',
      });
    expect((await upload('https://evil.example')).status).toBe(403);
    const own = await upload(registry.url);
    expect(own.status).toBe(200);
    expect(own.text).toMatch(/v2/);
  });

  it('enrolment is throttled by source: 300 wrong codes do not get 300 tries', async () => {
    const good = await enrolmentCode(registry.url, 'c-oak');
    const attempt = (code: string, from: string) => send(registry.url, { method: 'POST', path: '/v1/enrol', from, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, kioskName: 'Gate 1' }) });
    const statuses: number[] = [];
    for (let i = 0; i < 300; i++) statuses.push((await attempt(`WRONG-CODE-${String(i).padStart(4, '0')}`, '127.0.0.2')).status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(12);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(288);
    // The right code from the throttled source waits too; from another source it works at once.
    expect((await attempt(good, '127.0.0.2')).status).toBe(429);
    const ok = await attempt(good, '127.0.0.1');
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.text)).toMatchObject({ compoundId: 'c-oak', districtKey: registry.keys.publicKey });
  });
});
