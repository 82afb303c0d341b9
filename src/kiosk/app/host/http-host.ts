// The browser host: the same dispatcher over HTTP, events over server-sent events, the built renderer as static files.
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Dispatch } from '../../platform/calls/dispatcher.ts';
import type { EventBus } from '../../platform/events/event-bus.ts';

export interface HttpHostOptions {
  dispatch: Dispatch;
  bus: EventBus;
  /** The built renderer (dist/renderer); the API works without it. */
  staticDir?: string;
  host?: string;
  port: number;
  health?: () => Record<string, unknown>;
  /** Serve the LAN: HTTPS with this key and certificate, any Host name, and every caller must sign in. */
  lan?: { key: string; cert: string; validSession: (token: string) => boolean };
}

const MAX_BODY_BYTES = 1_000_000;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wav': 'audio/wav',
  '.ico': 'image/x-icon',
};

// The page may load only its own files; the same policy the Electron shell applies.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob: mediastream:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

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

/** Refuses requests whose Host is not this loopback server, so a web page elsewhere cannot reach it by DNS rebinding. */
function hostAllowed(req: http.IncomingMessage, port: number): boolean {
  const host = req.headers.host ?? '';
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host);
}

// EventSource cannot send headers, so the event stream takes the token as a query parameter.
function sessionTokenOf(req: http.IncomingMessage, url?: URL): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length);
  return url?.searchParams.get('token') ?? undefined;
}

async function handleInvoke(req: http.IncomingMessage, res: http.ServerResponse, method: string, dispatch: Dispatch, via: 'http-loopback' | 'http-lan'): Promise<void> {
  if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'bad-input', message: 'Use POST with a JSON body.' } });
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
  const remote = req.socket.remoteAddress ?? '';
  const peer = remote === '127.0.0.1' || remote === '::1' || remote === '::ffff:127.0.0.1' ? 'loopback' : 'remote';
  const result = await dispatch(method, input, { via, peer, sessionToken: sessionTokenOf(req) });
  if (result.ok) return sendJson(res, 200, result);
  const code = result.error.code;
  const status = code === 'bad-input' || code === 'unknown-method' ? 400 : code === 'unauthenticated' ? 401 : code === 'forbidden' ? 403 : code === 'internal' ? 500 : 409;
  sendJson(res, status, result);
}

function handleEvents(req: http.IncomingMessage, res: http.ServerResponse, bus: EventBus): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  res.write('retry: 1000\n\n');
  const stop = bus.onAny((event, payload) => res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`));
  // A comment every 15 s keeps proxies and idle timers from closing the stream.
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  req.on('close', () => {
    stop();
    clearInterval(keepAlive);
  });
}

function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, staticDir: string | undefined, pathname: string): void {
  if (!staticDir || !existsSync(staticDir)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('The kiosk screen has not been built. Run `npm run build:renderer`, then reload.');
    return;
  }
  const root = path.resolve(staticDir);
  let file = path.resolve(root, '.' + decodeURIComponent(pathname));
  if (!file.startsWith(root)) {
    res.writeHead(403).end();
    return;
  }
  if (!existsSync(file) || statSync(file).isDirectory()) file = path.join(root, 'index.html');
  const type = contentTypes[path.extname(file)] ?? 'application/octet-stream';
  const immutable = file.includes(`${path.sep}assets${path.sep}`);
  res.writeHead(200, {
    'content-type': type,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
  });
  createReadStream(file).pipe(res);
}

export interface RunningHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function startHttpHost(options: HttpHostOptions): Promise<RunningHost> {
  const host = options.host ?? '127.0.0.1';
  const sockets = new Set<import('node:net').Socket>();
  let port = options.port;
  const lan = options.lan;
  const via = lan ? 'http-lan' : 'http-loopback';
  const listener: http.RequestListener = (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    // On the LAN the Host is whatever name or address people type; sign-in on every call stands in for the loopback check.
    if (!lan && !hostAllowed(req, port)) return sendJson(res, 421, { ok: false, error: { code: 'forbidden', message: 'Open the kiosk at 127.0.0.1.' } });
    if (lan) res.setHeader('strict-transport-security', 'max-age=31536000');
    if (url.pathname === '/api/health') return sendJson(res, 200, { ok: true, ...(lan ? {} : options.health?.()) });
    if (url.pathname === '/api/events') {
      const token = sessionTokenOf(req, url);
      if (lan && !(token && lan.validSession(token))) return sendJson(res, 401, { ok: false, error: { code: 'unauthenticated', message: 'Sign in first.' } });
      return handleEvents(req, res, options.bus);
    }
    if (url.pathname.startsWith('/api/invoke/')) {
      handleInvoke(req, res, url.pathname.slice('/api/invoke/'.length), options.dispatch, via).catch(() => sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'The request failed.' } }));
      return;
    }
    if (url.pathname.startsWith('/api/')) return sendJson(res, 404, { ok: false, error: { code: 'unknown-method', message: `No such API path ${url.pathname}.` } });
    serveStatic(req, res, options.staticDir, url.pathname);
  };
  const server = lan ? https.createServer({ key: lan.key, cert: lan.cert }, listener) : http.createServer(listener);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new Error(`Port ${options.port} on ${host} is already in use. Stop the other program or choose another port with --port.`));
      else if (error.code === 'EACCES') reject(new Error(`Not allowed to listen on port ${options.port}. Choose a port above 1024 with --port.`));
      else reject(error);
    });
    server.listen(options.port, host, () => {
      port = (server.address() as AddressInfo).port;
      resolve({
        url: `${lan ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}/`,
        port,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
