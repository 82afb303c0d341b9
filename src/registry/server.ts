// The registry's HTTP server: node:http (or https), JSON in and out, zod at the door; routes for kiosks, for district
// staff and for the administrator, each in its own file. Every error is answered per request: none ends the process.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { RegistryContext, Request } from './context.ts';
import { loadDistrictKeys, type DistrictKeys } from './district-keys.ts';
import { HttpError, readBody, sendJson, sourceOf } from './http-kit.ts';
import { startMaintenance } from './maintenance.ts';
import type { EntryWindow } from './partitions.ts';
import { DEFAULT_TIME_ZONE } from './registry-time.ts';
import { adminRoutes } from './routes-admin.ts';
import { kioskRoutes } from './routes-kiosk.ts';
import { staffRoutes } from './routes-staff.ts';
import type { Database } from './sql.ts';
import { createThrottle, ENROL_RULE, SIGN_IN_RULE } from './throttle.ts';

export { localDayIn as localDay } from './registry-time.ts';

export interface RegistryOptions {
  db: Database;
  /** A read replica of db (PostgreSQL streaming replication) for the staff's figures; db when absent. */
  readDb?: Database;
  port?: number;
  host?: string;
  /** Bearer token for /v1/admin/*: enrolment codes, documents, watch lists, staff accounts, the failure log. */
  adminToken: string;
  /** District given to compounds created without one. */
  district?: string;
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** The district's zone for days and hours (default Asia/Shanghai, as the kiosks'). */
  timeZone?: string;
  /** Behind a balancer: take the caller's address from X-Forwarded-For. */
  trustProxy?: boolean;
  /** Local hour at which the day's report is generated (default 20). */
  reportHour?: number;
  /** Minutes without an entry, in a busy hour, before a compound is shown as silent (default 30). */
  silentMinutes?: number;
  window?: EntryWindow;
  now?: () => number;
  log?: (message: string) => void;
}

export interface RunningRegistry {
  url: string;
  port: number;
  server: http.Server;
  keys: DistrictKeys;
  close(): Promise<void>;
}

export async function startRegistry(options: RegistryOptions): Promise<RunningRegistry> {
  const { db } = options;
  const now = options.now ?? Date.now;
  const ctx: RegistryContext = {
    db,
    readDb: options.readDb ?? db,
    keys: await loadDistrictKeys(db),
    now,
    log: options.log ?? (() => undefined),
    district: options.district ?? 'district',
    timeZone: options.timeZone ?? DEFAULT_TIME_ZONE,
    adminToken: options.adminToken,
    secure: Boolean(options.tls),
    trustProxy: options.trustProxy ?? false,
    reportHour: options.reportHour ?? 20,
    silentMinutes: options.silentMinutes ?? 30,
    window: options.window,
    throttles: { signIn: createThrottle(db, 'staff-sign-in', SIGN_IN_RULE), enrol: createThrottle(db, 'enrol', ENROL_RULE) },
  };

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://registry');
    } catch {
      throw new HttpError(400, 'the request path is not a URL path');
    }
    const method = req.method ?? 'GET';
    const r: Request = { req, res, url, path: url.pathname, method, body: method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : await readBody(req), source: sourceOf(req, ctx.trustProxy) };
    if (method === 'GET' && r.path === '/healthz') return sendJson(res, 200, { ok: true, engine: db.engine });
    if (method === 'GET' && r.path === '/favicon.ico') return void res.writeHead(204).end();
    if ((await kioskRoutes(ctx, r)) || (await adminRoutes(ctx, r)) || (await staffRoutes(ctx, r))) return;
    throw new HttpError(404, `no route ${method} ${r.path}`);
  }

  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    // Kiosks compare their clock with this (the registry's own clock, also under test control).
    res.setHeader('date', new Date(now()).toUTCString());
    route(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof HttpError ? error.message : 'internal error; nothing was stored, retry later';
      if (status === 500) ctx.log(`error on ${req.method} ${req.url}: ${(error as Error).stack ?? String(error)}`);
      if (res.headersSent) return void res.destroy();
      if (status === 303 && error instanceof HttpError) {
        res.writeHead(303, { ...error.headers, 'cache-control': 'no-store' });
        return void res.end();
      }
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', connection: 'close', ...(error instanceof HttpError ? error.headers : {}) });
      res.end(JSON.stringify({ error: message }));
    });
  };
  const server = options.tls ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, handler) : http.createServer(handler);
  // Idle connections are kept longer than clients and balancers keep theirs (undici 4 s, nginx 60 s): the server never
  // closes a connection just as a client sends on it, which the client would see as a reset mid-request.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const maintenance = startMaintenance(ctx);
  const port = (server.address() as AddressInfo).port;
  const host = options.host ?? '127.0.0.1';
  return {
    url: `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    server,
    keys: ctx.keys,
    close: async () => {
      await maintenance.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
