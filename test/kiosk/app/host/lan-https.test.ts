// LAN mode: HTTPS with the self-signed certificate made at first start, and nothing answered without a sign-in.
import { X509Certificate } from 'node:crypto';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../src/kiosk/app/create-core.ts';
import { startHttpHost, type RunningHost } from '../../../../src/kiosk/app/host/http-host.ts';
import { ensureCertificate, type TlsMaterial } from '../../../../src/kiosk/app/host/tls-certificate.ts';
import { tempDir } from '../../../support/temp-dir.ts';

let temp: ReturnType<typeof tempDir>;
let core: Core;
let host: RunningHost;
let tls: TlsMaterial;

function request(path: string, options: { body?: unknown; token?: string } = {}): Promise<{ status: number; body: any; peerFingerprint: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      { host: '127.0.0.1', port: host.port, path, agent: false, method: options.body === undefined ? 'GET' : 'POST', ca: tls.cert, headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) } },
      (res) => {
        const peer = (res.socket as TLSSocket).getPeerX509Certificate();
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text.startsWith('{') ? JSON.parse(text) : text, peerFingerprint: peer?.fingerprint256 ?? '' }));
        // The event stream never ends by itself.
        if (path.startsWith('/api/events') && res.statusCode === 200) {
          resolve({ status: 200, body: null, peerFingerprint: peer?.fingerprint256 ?? '' });
          res.destroy();
        }
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(JSON.stringify(options.body));
    req.end();
  });
}

beforeAll(async () => {
  temp = tempDir('gate-lan-');
  tls = ensureCertificate(temp.dir);
  core = await createCore({ dataDir: temp.dir, log: () => {}, lan: { url: 'https://127.0.0.1/', fingerprint: tls.fingerprint } });
  host = await startHttpHost({ dispatch: core.dispatch, bus: core.bus, port: 0, host: '127.0.0.1', sessions: core.sessions, lan: { key: tls.key, cert: tls.cert } });
});
afterAll(async () => {
  await host?.close();
  await core?.close();
  temp?.remove();
});

describe('LAN mode', () => {
  it('makes the certificate once and keeps it', () => {
    expect(tls.created).toBe(true);
    const again = ensureCertificate(temp.dir);
    expect(again).toMatchObject({ created: false, fingerprint: tls.fingerprint });
    expect(new X509Certificate(tls.cert).subjectAltName).toContain('IP Address:127.0.0.1');
  });

  it('lets a browser on the kiosk PC itself do the first-start setup over HTTPS', async () => {
    const setup = await request('/api/invoke/setup.complete', { body: { compoundName: '幸福里', compoundCode: 'X1', manager: { username: 'boss', displayName: 'B', password: 'admin-pass-1' } } });
    expect(setup).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('serves HTTPS with the certificate whose fingerprint the kiosk shows, and tells nothing but "sign in" before one', async () => {
    const before = await request('/api/invoke/setup.status', { body: {} });
    expect(before.status).toBe(200);
    expect(before.peerFingerprint).toBe(tls.fingerprint);
    // Not the compound's name, code, LAN address or fingerprint: only that a sign-in is needed.
    expect(before.body).toEqual({ ok: true, value: { signInRequired: true, needsSetup: false } });
    const token = (await request('/api/invoke/accounts.signIn', { body: { username: 'boss', password: 'admin-pass-1' } })).body.value.token as string;
    const after = await request('/api/invoke/setup.status', { body: {}, token });
    expect(after.body.value).toMatchObject({ signInRequired: false, compoundName: '幸福里', compoundCode: 'X1', lan: { fingerprint: tls.fingerprint } });
  });

  it('answers nothing but sign-in without a session, even the kiosk screen calls and the event stream', async () => {
    expect((await request('/api/invoke/system.info', { body: {} })).status).toBe(401);
    expect((await request('/api/invoke/entries.today', { body: {} })).status).toBe(401);
    expect((await request('/api/invoke/log.query', { body: { filter: { from: '2026-03-01' } } })).status).toBe(401);
    expect((await request('/api/events')).status).toBe(401);
    const signIn = await request('/api/invoke/accounts.signIn', { body: { username: 'boss', password: 'admin-pass-1' } });
    expect(signIn.status).toBe(200);
    const token = signIn.body.value.token as string;
    expect((await request('/api/invoke/system.info', { body: {}, token })).status).toBe(200);
    expect((await request('/api/invoke/log.query', { body: { filter: { from: '2026-03-01' } }, token })).body).toMatchObject({ ok: true, value: { total: 0 } });
    expect((await request(`/api/events?token=${encodeURIComponent(token)}`)).status).toBe(200);
    expect((await request('/api/invoke/system.info', { body: {}, token: 'forged' })).status).toBe(401);
  });

  it('refuses plain HTTP on the LAN port', async () => {
    await expect(fetch(`http://127.0.0.1:${host.port}/api/health`)).rejects.toThrow();
  });
});
