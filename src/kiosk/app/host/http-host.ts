// The browser host: the same dispatcher over HTTP, events over server-sent events, the built renderer as static files.
// Every request is answered on its own: a malformed one gets a 4xx, a failure inside one a 500, and none can end the
// process. Calls must come from the kiosk's own page (Host, Origin, JSON); see request-guards.ts.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { Dispatch } from '../../platform/calls/dispatcher.ts';
import type { EventBus } from '../../platform/events/event-bus.ts';
import { createEventStreams, type HostSessions } from './event-streams.ts';
import { checkHost, checkJsonBody, checkOrigin, peerOf, type Refusal } from './request-guards.ts';
import { serveStatic } from './static-files.ts';

export type { HostSessions } from './event-streams.ts';

export interface HttpHostOptions {
  dispatch: Dispatch;
  bus: EventBus;
  /** The built renderer (dist/renderer); the API works without it. */
  staticDir?: string;
  host?: string;
  port: number;
  health?: () => Record<string, unknown>;
  /** Who a session token belongs to, for the event streams (without it, a stream opened with a token is refused on the LAN). */
  sessions?: HostSessions;
  /** Serve the LAN: HTTPS with this key and certificate, any Host name, and every caller must sign in. */
  lan?: { key: string; cert: string };
  /** Where a failure inside one request is reported (the request itself gets a 500). */
  log?: (message: string, error?: unknown) => void;
}

const MAX_BODY_BYTES = 1_000_000;

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** A file in an answer (an export's base64) larger than this goes out in slices, the gate's calls between them. */
const FILE_SLICE = 1 << 20;
const BASE64 = /^[A-Za-z0-9+/=]*$/;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * An answer carrying a file: JSON.stringify of a 30 MB base64 string holds the gate's thread for a large part of a
 * second, so the JSON around it is made without it and the file is written slice by slice (base64 needs no escaping;
 * a slice that is not base64 is escaped as JSON would).
 */
async function sendResult(res: http.ServerResponse, status: number, result: unknown): Promise<void> {
  const value = (result as { ok?: boolean; value?: { base64?: unknown } }).value;
  if (!(result as { ok?: boolean }).ok || typeof value?.base64 !== 'string' || value.base64.length <= FILE_SLICE) return sendJson(res, status, result);
  const file = value.base64;
  // A stand-in no answer holds (JSON writes the NUL as \u0000), cut out of the JSON and replaced by the file.
  const [head, tail] = JSON.stringify({ ...(result as object), value: { ...value, base64: '\u0000file' } }).split('"\\u0000file"') as [string, string];
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.write(`${head}"`);
  for (let at = 0; at < file.length && !res.destroyed; at += FILE_SLICE) {
    const slice = file.slice(at, at + FILE_SLICE);
    res.write(BASE64.test(slice) ? slice : JSON.stringify(slice).slice(1, -1));
    await nextTurn();
  }
  res.end(`"${tail}`);
}

const refuse = (res: http.ServerResponse, refusal: Refusal) => sendJson(res, refusal.status, { ok: false, error: { code: refusal.code, message: refusal.message } });

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

// EventSource cannot send headers, so the event stream takes the token as a query parameter.
function sessionTokenOf(req: http.IncomingMessage, url?: URL): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length);
  return url?.searchParams.get('token') ?? undefined;
}

const statusOf = (code: string) => (code === 'bad-input' || code === 'unknown-method' ? 400 : code === 'unauthenticated' ? 401 : code === 'forbidden' ? 403 : code === 'internal' ? 500 : 409);

async function handleInvoke(req: http.IncomingMessage, res: http.ServerResponse, method: string, dispatch: Dispatch, lan: boolean): Promise<void> {
  if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'bad-input', message: 'Use POST with a JSON body.' } });
  const notJson = checkJsonBody(req.headers);
  if (notJson) return refuse(res, notJson);
  let body: string;
  try {
    body = await readBody(req);
  } catch {
    return sendJson(res, 413, { ok: false, error: { code: 'bad-input', message: 'The request is larger than 1 MB.' } });
  }
  let input: unknown;
  try {
    input = body.trim() === '' ? {} : JSON.parse(body);
  } catch (error) {
    return sendJson(res, 400, { ok: false, error: { code: 'bad-input', message: `The body is not valid JSON: ${(error as Error).message}` } });
  }
  const { peer, source } = peerOf(req.socket.remoteAddress);
  const result = await dispatch(method, input, { via: lan ? 'http-lan' : 'http-loopback', peer, source, sessionToken: sessionTokenOf(req) });
  await sendResult(res, result.ok ? 200 : statusOf(result.error.code), result);
}

export interface RunningHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function startHttpHost(options: HttpHostOptions): Promise<RunningHost> {
  const host = options.host ?? '127.0.0.1';
  const sockets = new Set<Socket>();
  let port = options.port;
  const lan = Boolean(options.lan);
  const log = options.log ?? ((message, error) => console.error(`[gate-kiosk] ${message}`, error ?? ''));
  const streams = createEventStreams(options.bus, options.sessions);

  function openEvents(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    const token = sessionTokenOf(req, url) ?? null;
    const user = token && options.sessions ? options.sessions.peek(token) : null;
    // On the LAN a stream needs a live session. On 127.0.0.1 the kiosk's own screen listens without one, and a
    // stale token (a manager's console that timed out) listens as that screen, so the gate never goes deaf.
    if (lan && !user) return sendJson(res, 401, { ok: false, error: { code: 'unauthenticated', message: 'Sign in first.' } });
    streams.open(req, res, { token: user ? token : null, user, remote: peerOf(req.socket.remoteAddress).peer === 'remote' });
  }

  function route(req: http.IncomingMessage, res: http.ServerResponse): void | Promise<void> {
    const wrongHost = checkHost(req.headers, port, lan);
    // On the LAN the Host is whatever name or address people type; sign-in on every call stands in for the loopback check.
    if (wrongHost) return refuse(res, wrongHost);
    if (lan) res.setHeader('strict-transport-security', 'max-age=31536000');
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return sendJson(res, 400, { ok: false, error: { code: 'bad-input', message: 'This address is not valid.' } });
    }
    if (url.pathname.startsWith('/api/')) {
      const otherPage = checkOrigin(req.headers, lan);
      if (otherPage) return refuse(res, otherPage);
    }
    if (url.pathname === '/api/health') return sendJson(res, 200, { ok: true, ...(lan ? {} : options.health?.()) });
    if (url.pathname === '/api/events') return openEvents(req, res, url);
    if (url.pathname.startsWith('/api/invoke/')) return handleInvoke(req, res, url.pathname.slice('/api/invoke/'.length), options.dispatch, lan);
    if (url.pathname.startsWith('/api/')) return sendJson(res, 404, { ok: false, error: { code: 'unknown-method', message: `No such API path ${url.pathname}.` } });
    serveStatic(res, options.staticDir, url.pathname);
  }

  const failed = (res: http.ServerResponse) => (error: unknown) => {
    log(`a request failed (${res.req?.method ?? '?'} ${res.req?.url?.slice(0, 200) ?? ''})`, error);
    if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'The request failed. Try again; call the manager if it repeats.' } });
    else res.destroy();
  };
  const listener: http.RequestListener = (req, res) => {
    try {
      const pending = route(req, res);
      if (pending) pending.catch(failed(res));
    } catch (error) {
      failed(res)(error);
    }
  };

  const server = options.lan ? https.createServer({ key: options.lan.key, cert: options.lan.cert }, listener) : http.createServer(listener);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // A broken request line or TLS handshake is the client's problem: answer it (Node does) or drop it, never throw.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      streams.stop();
      if (error.code === 'EADDRINUSE') reject(new Error(`Port ${options.port} on ${host} is already in use. Stop the other program or choose another port with --port.`));
      else if (error.code === 'EACCES') reject(new Error(`Not allowed to listen on port ${options.port}. Choose a port above 1024 with --port.`));
      else reject(error);
    });
    server.listen(options.port, host, () => {
      port = (server.address() as AddressInfo).port;
      server.on('error', (error) => log('the web server reported an error', error));
      resolve({
        url: `${lan ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}/`,
        port,
        close: () =>
          new Promise<void>((done) => {
            streams.stop();
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
