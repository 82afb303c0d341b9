// One real core behind both hosts, as an attacker meets them: the browser host on 127.0.0.1 (the kiosk's own screen,
// a program on this PC, a web page in the kiosk's browser) and the LAN host over HTTPS, where a peer on the network is
// played from another loopback address (127.0.0.2 and up: Linux routes all of 127/8 to this machine).
import https from 'node:https';
import http from 'node:http';
import { createCore, type Core } from '../../src/kiosk/app/create-core.ts';
import { startHttpHost, type RunningHost } from '../../src/kiosk/app/host/http-host.ts';
import { ensureCertificate } from '../../src/kiosk/app/host/tls-certificate.ts';
import type { CoreOptions } from '../../src/kiosk/app/core.ts';
import { tempDir } from './temp-dir.ts';

export const ADMIN = { username: 'boss', password: 'admin-pass-1' };
export const MANAGER = { username: 'wang', password: 'manager-pass', pin: '8052' };
export const VOLUNTEER = { username: 'li', password: 'volunteer-pass', pin: '3071' };

export interface Reply {
  status: number;
  text: string;
  json: any;
}

export interface RequestOptions {
  method?: string;
  /** A JSON body (sent as application/json unless headers say otherwise), or raw text. */
  body?: unknown;
  headers?: Record<string, string>;
  token?: string;
  /** The local address the request leaves from: another one plays a different machine on the network. */
  from?: string;
}

export interface SecurityHost {
  core: Core;
  /** Moves the kiosk's clock ahead of the real one (waits after wrong attempts, session ends) without sleeping. */
  advance(ms: number): void;
  dataDir: string;
  loopback: RunningHost;
  lan: RunningHost;
  request(where: 'loopback' | 'lan', path: string, options?: RequestOptions): Promise<Reply>;
  /** Calls a method; throws unless it answered ok. */
  call<T = any>(where: 'loopback' | 'lan', method: string, input?: unknown, options?: RequestOptions): Promise<T>;
  signIn(where: 'loopback' | 'lan', who: { username: string; password: string }, from?: string): Promise<string>;
  /** Opens the event stream; `text()` is everything received so far, `ended` settles when the server closes it. */
  events(where: 'loopback' | 'lan', options?: RequestOptions): Promise<{ status: number; text(): string; ended: Promise<void>; close(): void }>;
  close(): Promise<void>;
}

function send(host: RunningHost, secure: boolean, path: string, options: RequestOptions, onResponse: (res: http.IncomingMessage) => void, onError: (error: Error) => void): http.ClientRequest {
  const raw = typeof options.body === 'string';
  const headers: Record<string, string> = {
    ...(options.body !== undefined && !raw ? { 'content-type': 'application/json' } : {}),
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    host: `127.0.0.1:${host.port}`,
    ...options.headers,
  };
  const request = secure ? https.request : http.request;
  const req = request({ host: '127.0.0.1', port: host.port, path, method: options.method ?? (options.body === undefined ? 'GET' : 'POST'), headers, agent: false, rejectUnauthorized: false, ...(options.from ? { localAddress: options.from } : {}) }, onResponse);
  req.on('error', onError);
  if (options.body !== undefined) req.write(raw ? (options.body as string) : JSON.stringify(options.body));
  req.end();
  return req;
}

export async function startSecurityHost(options: Partial<CoreOptions> & { fresh?: boolean } = {}): Promise<SecurityHost> {
  const temp = tempDir('gate-security-');
  const tls = ensureCertificate(temp.dir);
  // Ahead of real time only: another process (the CLI) writes the audit log with the real clock.
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);
  // Refusals are held only briefly here (a kiosk holds them for seconds; see sign-in-throttle.ts and its own test).
  const core = await createCore({ dataDir: temp.dir, log: () => {}, now, lan: { url: 'https://127.0.0.1/', fingerprint: tls.fingerprint }, accounts: { throttle: { holdMs: 20 } }, ...options });
  const loopback = await startHttpHost({ dispatch: core.dispatch, bus: core.bus, port: 0, sessions: core.sessions, log: () => {} });
  const lan = await startHttpHost({ dispatch: core.dispatch, bus: core.bus, port: 0, host: '127.0.0.1', sessions: core.sessions, lan: { key: tls.key, cert: tls.cert }, log: () => {} });
  const hostOf = (where: 'loopback' | 'lan') => (where === 'lan' ? lan : loopback);

  const h: SecurityHost = {
    core,
    advance: (ms) => (offsetMs += ms),
    dataDir: temp.dir,
    loopback,
    lan,
    request: (where, path, options = {}) =>
      new Promise((resolve, reject) => {
        send(hostOf(where), where === 'lan', path, options, (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => {
            let json: unknown = null;
            try {
              json = JSON.parse(text);
            } catch {}
            resolve({ status: res.statusCode ?? 0, text, json });
          });
        }, reject);
      }),
    async call(where, method, input = {}, options = {}) {
      const reply = await h.request(where, `/api/invoke/${method}`, { ...options, body: input });
      if (!reply.json?.ok) throw new Error(`${method}: ${reply.status} ${reply.text}`);
      return reply.json.value;
    },
    async signIn(where, who, from) {
      return (await h.call(where, 'accounts.signIn', { username: who.username, password: who.password }, { from })).token;
    },
    events: (where, options = {}) =>
      new Promise((resolve, reject) => {
        const req = send(hostOf(where), where === 'lan', options.token && !options.headers?.authorization ? `/api/events?token=${encodeURIComponent(options.token)}` : '/api/events', { ...options, token: undefined }, (res) => {
          let text = '';
          const ended = new Promise<void>((done) => {
            res.on('end', done);
            res.on('close', done);
          });
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          resolve({ status: res.statusCode ?? 0, text: () => text, ended, close: () => req.destroy() });
        }, reject);
      }),
    async close() {
      await lan.close();
      await loopback.close();
      await core.close();
      temp.remove();
    },
  };
  if (options.fresh) return h;
  // The compound as its admin sets it up on the kiosk: the first admin, a manager (with a gate PIN) and a volunteer.
  await h.call('loopback', 'setup.complete', { compoundName: '幸福里', compoundCode: 'XFL-01', manager: { username: ADMIN.username, displayName: '陈主任', password: ADMIN.password }, registryUrl: '' });
  const admin = await h.signIn('loopback', ADMIN);
  await h.call('loopback', 'accounts.create', { username: MANAGER.username, displayName: '王经理', role: 'manager', password: MANAGER.password, pin: MANAGER.pin }, { token: admin });
  await h.call('loopback', 'accounts.create', { username: VOLUNTEER.username, displayName: '李志愿', role: 'volunteer', password: VOLUNTEER.password, pin: VOLUNTEER.pin }, { token: admin });
  await h.call('loopback', 'accounts.signOut', {}, { token: admin });
  return h;
}

/** Waits until `check` holds, polling the event loop (never a fixed sleep in an assertion). */
export async function until(check: () => boolean, what: string, limitMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > limitMs) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
