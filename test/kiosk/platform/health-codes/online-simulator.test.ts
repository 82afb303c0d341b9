// Online verification against the authority simulator over real HTTP on 127.0.0.1, including its failures.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { HealthCodeResult } from '../../../../src/common/contract/health-code.ts';
import { startAuthoritySimulator, type AuthoritySimulator } from '../../../../src/kiosk/platform/health-codes/authority-simulator.ts';
import { createHealthCodeVerifier, type HealthCodeVerifier } from '../../../../src/kiosk/platform/health-codes/verifier.ts';
import { trustDir, type TrustDir } from './support/fixtures.ts';

let sim: AuthoritySimulator;
let verifier: HealthCodeVerifier;
const now = () => new Date();

beforeAll(async () => {
  sim = await startAuthoritySimulator({ credentials: 'secret-token' });
  // A generous timeout keeps the happy path robust on a loaded machine; timeout tests use their own short one.
  verifier = createHealthCodeVerifier({ formats: ['online'], authority: { url: sim.verifyUrl, credentials: 'secret-token', siteCode: '110105', timeoutMs: 10_000 } });
});
afterAll(() => sim.close());
afterEach(() => sim.setBehaviour({ latencyMs: 0, failure: 'none' }));

async function post(path: string, body: unknown, method = 'POST') {
  const response = await fetch(`${sim.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('online verification', () => {
  test.each(['green', 'yellow', 'red', 'review'] as const)('a %s code minted over HTTP comes back %s with masked name and refresh time', async (colour) => {
    const minted = await post('/codes', { colour, name: '王小明' });
    expect(minted.status).toBe(201);
    const result = await verifier.verify(minted.body.code as string, now());
    expect(result).toMatchObject({ status: colour, source: 'online', holderName: '王*明' });
    expect(result).toHaveProperty('refreshedAt');
    expect(HealthCodeResult.parse(result)).toEqual(result);
  });

  test('a colour changed at the authority is what the next scan sees', async () => {
    const { code } = sim.mint({ colour: 'green' });
    expect(await verifier.verify(code, now())).toMatchObject({ status: 'green' });
    expect((await post('/codes/colour', { code, colour: 'red' }, 'PUT')).status).toBe(200);
    expect(await verifier.verify(code, now())).toMatchObject({ status: 'red' });
  });

  test('an unknown code is invalid/not-found', async () => {
    expect(await verifier.verify('HA1:doesnotexist1234', now())).toMatchObject({ status: 'invalid', reason: 'not-found' });
  });

  test.each([
    ['500', { failure: '500' }, 'authority-error'],
    ['garbage', { failure: 'garbage' }, 'authority-error'],
    ['dropped connection', { failure: 'drop' }, 'authority-error'],
  ] as const)('authority failure %s is error/%s, never a colour', async (_name, behaviour, reason) => {
    const { code } = sim.mint({ colour: 'green' });
    expect((await post('/admin/behaviour', behaviour)).status).toBe(200);
    expect(await verifier.verify(code, now())).toMatchObject({ status: 'error', reason, source: 'online' });
  });

  test.each([
    ['a slow authority', { latencyMs: 5_000 }],
    ['a hung authority', { failure: 'hang' }],
  ] as const)('%s is error/timeout', async (_name, behaviour) => {
    const { code } = sim.mint({ colour: 'green' });
    sim.setBehaviour(behaviour);
    const impatient = createHealthCodeVerifier({ formats: ['online'], authority: { url: sim.verifyUrl, credentials: 'secret-token', siteCode: '110105', timeoutMs: 200 } });
    expect(await impatient.verify(code, now())).toMatchObject({ status: 'error', reason: 'timeout' });
  });

  test('wrong credentials are error/authority-error', async () => {
    const { code } = sim.mint({ colour: 'green' });
    const wrong = createHealthCodeVerifier({ formats: ['online'], authority: { url: sim.verifyUrl, credentials: 'nope', siteCode: '110105' } });
    const result = await wrong.verify(code, now());
    expect(result).toMatchObject({ status: 'error', reason: 'authority-error' });
    expect((result as { detail: string }).detail).toMatch(/credentials/);
  });

  test('connection refused is error/authority-unreachable', async () => {
    const closed: Server = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const v = createHealthCodeVerifier({ formats: ['online'], authority: { url: `http://127.0.0.1:${port}/verify`, siteCode: 'x' } });
    expect(await v.verify('HA1:abcdefghijklmnop', now())).toMatchObject({ status: 'error', reason: 'authority-unreachable' });
  });

  test('the default timeout is 1500 ms', async () => {
    const { HealthCodeConfig } = await import('../../../../src/kiosk/platform/health-codes/config.ts');
    expect(HealthCodeConfig.parse({ formats: ['online'], authority: { url: 'http://127.0.0.1:1/verify', siteCode: 'x' } }).authority?.timeoutMs).toBe(1500);
  });
});

describe('simulator-issued offline codes', () => {
  let dir: TrustDir;
  beforeAll(() => {
    dir = trustDir();
    dir.writeTrustList(sim.trustList());
  });
  afterAll(() => dir.cleanup());

  test('an offline code minted by the simulator verifies against its published trust list', async () => {
    const response = await fetch(`${sim.url}/trust-list`);
    expect(response.status).toBe(200);
    const minted = await post('/codes', { colour: 'yellow', name: '李四', format: 'offline', id: '110101199003074512' });
    expect(minted.body.code).toMatch(/^GK1:/);
    const v = createHealthCodeVerifier({ formats: ['offline-signed'], trustListPath: dir.trustListPath });
    expect(await v.verify(minted.body.code as string, now())).toMatchObject({ status: 'yellow', source: 'offline-signed', holderName: '李*' });
  });

  test('bad mint requests get 400 with a reason', async () => {
    const bad = await post('/codes', { colour: 'purple' });
    expect(bad.status).toBe(400);
    expect(String(bad.body.error)).toMatch(/colour/);
  });
});

describe('health facts over HTTP (issue 16)', () => {
  test('a minted code with a test, antigen, vaccination, travel flag and ID comes back with all of them', async () => {
    const minted = await post('/codes', { colour: 'green', name: '王小明', id: '110101199003074512', testHoursAgo: 30, antigenHoursAgo: 2, doses: 3, lastDoseOn: '2022-01-15', travelFlag: true });
    const at = now();
    const result = await verifier.verify(minted.body.code as string, at);
    expect(result).toMatchObject({
      status: 'green',
      holderName: '王*明',
      nucleicAcid: { result: 'negative', hoursAgo: 30 },
      antigen: { result: 'negative' },
      vaccination: { doses: 3, lastDoseOn: '2022-01-15' },
      travelFlag: true,
    });
    const r = result as Extract<typeof result, { status: 'green' }>;
    expect(r.idHash).toMatch(/^[0-9a-f]{32}$/);
    expect(Math.round((at.getTime() - Date.parse(r.nucleicAcid!.sampledAt!)) / 3_600_000)).toBe(30);
    expect(HealthCodeResult.parse(result)).toEqual(result);
  });

  test('a code with no facts still verifies with its colour only (an authority that gives no facts)', async () => {
    const { code } = sim.mint({ colour: 'green' });
    const result = await verifier.verify(code, now());
    expect(result).toMatchObject({ status: 'green' });
    expect(result).not.toHaveProperty('nucleicAcid');
    expect(result).not.toHaveProperty('travelFlag');
  });

  test('facts changed at the authority (a new test result) are what the next scan sees', async () => {
    const { code } = sim.mint({ colour: 'green', testHoursAgo: 70 });
    expect(await verifier.verify(code, now())).toMatchObject({ nucleicAcid: { hoursAgo: 70 } });
    expect((await post('/codes/facts', { code, testHoursAgo: 1, testResult: 'positive' }, 'PUT')).status).toBe(200);
    expect(await verifier.verify(code, now())).toMatchObject({ nucleicAcid: { hoursAgo: 1, result: 'positive' } });
  });

  test('an answer with malformed facts is an authority error, never a colour', async () => {
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ result: 'green', nucleicAcid: { sampledAt: 'yesterday', result: 'negative' } })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const v = createHealthCodeVerifier({ formats: ['online'], authority: { url: `http://127.0.0.1:${port}/verify`, siteCode: 'x', timeoutMs: 10_000 } });
      expect(await v.verify('HA1:abcdefghijklmnop', now())).toMatchObject({ status: 'error', reason: 'authority-error' });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test('the request carries the code, the site code, the time and the kind of scan', async () => {
    let seen: unknown;
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen = JSON.parse(body);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ result: 'not-found' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const v = createHealthCodeVerifier({ formats: ['online'], authority: { url: `http://127.0.0.1:${port}/verify`, siteCode: '350102', timeoutMs: 10_000 } });
      const at = new Date('2022-05-10T08:00:00Z');
      await v.verify('HA1:abcdefghijklmnop', at);
      expect(seen).toEqual({ code: 'HA1:abcdefghijklmnop', siteCode: '350102', requestedAt: at.toISOString(), certType: 'QR_CODE' });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test('an offline code minted with facts carries them as signed claims', async () => {
    const dir = trustDir();
    try {
      dir.writeTrustList(sim.trustList());
      const minted = await post('/codes', { colour: 'green', name: '李四', format: 'offline', testHoursAgo: 12, doses: 2, travelFlag: false });
      const v = createHealthCodeVerifier({ formats: ['offline-signed'], trustListPath: dir.trustListPath });
      expect(await v.verify(minted.body.code as string, now())).toMatchObject({ status: 'green', nucleicAcid: { hoursAgo: 12, result: 'negative' }, vaccination: { doses: 2 }, travelFlag: false });
    } finally {
      dir.cleanup();
    }
  });
});
