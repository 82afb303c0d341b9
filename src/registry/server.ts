// The registry's HTTP API: node:http (or https), JSON in and out, zod at the door, one transaction per batch.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { DailyReport, DownlinkKind, EnrolRequest, EntryBatch, IsoDay } from '../common/wire/schemas.ts';
import { authenticate, createEnrolmentCode, enrolKiosk, logAuthFailure } from './auth.ts';
import { getDownlink, setDownlink } from './downlink.ts';
import { ingestAudit } from './audit-ingest.ts';
import { AuditBatch } from '../common/wire/audit-chain.ts';
import { ingestBatch, type KioskIdentity } from './ingest.ts';
import { renderStatsPage, type OpenProblem } from './page.ts';
import { isoSql } from './schema.ts';
import type { Database } from './sql.ts';
import { dailyStats, storeDailyReport } from './stats.ts';

export interface RegistryOptions {
  db: Database;
  port?: number;
  host?: string;
  /** Bearer token for /v1/admin/*: creating enrolment codes, publishing downlink documents, reading the failure log. */
  adminToken: string;
  /** District given to compounds created without one. */
  district?: string;
  tls?: { cert: string | Buffer; key: string | Buffer };
  now?: () => number;
  log?: (message: string) => void;
}

export interface RunningRegistry {
  url: string;
  port: number;
  server: http.Server;
  close(): Promise<void>;
}

const MAX_BODY = 8 * 1024 * 1024;

class HttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

export function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) reject(new HttpError(413, `request body larger than ${MAX_BODY} bytes; send smaller batches`));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseJson<T>(schema: z.ZodType<T>, body: Buffer): T {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'body is not valid JSON');
  }
  const result = schema.safeParse(value);
  if (!result.success) throw new HttpError(400, z.prettifyError(result.error));
  return result.data;
}

export async function startRegistry(options: RegistryOptions): Promise<RunningRegistry> {
  const { db } = options;
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => undefined);
  const district = options.district ?? 'district';

  async function requireKiosk(req: http.IncomingMessage, path: string, body: Buffer): Promise<KioskIdentity> {
    const result = await authenticate(db, { method: req.method ?? 'GET', path, headers: req.headers, body }, now());
    if (result.ok) return result.kiosk;
    await logAuthFailure(db, { remote: req.socket.remoteAddress ?? null, kioskId: result.kioskId, method: req.method ?? '', path, reason: result.reason });
    log(`auth refused: ${req.method} ${path} kiosk=${result.kioskId ?? '-'}: ${result.reason}`);
    throw new HttpError(401, `authentication failed: ${result.reason}`);
  }

  async function requireAdmin(req: http.IncomingMessage, path: string): Promise<void> {
    const given = Buffer.from((req.headers.authorization ?? '').replace(/^Bearer\s+/i, ''));
    const expected = Buffer.from(options.adminToken);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return;
    await logAuthFailure(db, { remote: req.socket.remoteAddress ?? null, kioskId: null, method: req.method ?? '', path, reason: 'bad admin token' });
    throw new HttpError(401, 'authentication failed: admin token required (Authorization: Bearer <token>)');
  }

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://registry');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const body = method === 'GET' ? Buffer.alloc(0) : await readBody(req);
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify(value));
    };

    if (method === 'POST' && path === '/v1/entries') {
      const kiosk = await requireKiosk(req, path, body);
      return json(200, await ingestBatch(db, kiosk, parseJson(EntryBatch, body).entries));
    }
    if (method === 'POST' && path === '/v1/audit') {
      const kiosk = await requireKiosk(req, path, body);
      return json(200, await ingestAudit(db, kiosk, parseJson(AuditBatch, body).records));
    }
    if (method === 'POST' && path === '/v1/enrol') {
      const request = parseJson(EnrolRequest, body);
      const answer = await enrolKiosk(db, request.code, request.kioskName, request.chainRestart);
      if (answer) return json(200, answer);
      await logAuthFailure(db, { remote: req.socket.remoteAddress ?? null, kioskId: null, method, path, reason: 'unknown, used or expired enrolment code' });
      throw new HttpError(401, 'enrolment code is unknown, already used or expired; ask the district for a new one');
    }
    if (method === 'POST' && path === '/v1/reports/daily') {
      const kiosk = await requireKiosk(req, path, body);
      await storeDailyReport(db, kiosk, parseJson(DailyReport, body));
      return json(200, { ok: true });
    }
    const downlink = /^\/v1\/downlink\/([a-z-]+)$/.exec(path);
    if (downlink && method === 'GET') {
      await requireKiosk(req, path, body);
      const kind = DownlinkKind.safeParse(downlink[1]);
      if (!kind.success) throw new HttpError(404, `no downlink document "${downlink[1]}"; use one of ${DownlinkKind.options.join(', ')}`);
      return json(200, await getDownlink(db, kind.data));
    }
    if (method === 'GET' && path === '/v1/stats/daily') {
      const date = IsoDay.safeParse(url.searchParams.get('date') ?? localDay(now()));
      if (!date.success) throw new HttpError(400, `date: ${z.prettifyError(date.error)}`);
      return json(200, await dailyStats(db, date.data));
    }
    if (method === 'GET' && path === '/v1/problems') return json(200, { problems: await listProblems(db, url.searchParams.get('all') !== null) });
    if (method === 'GET' && (path === '/' || path === '/stats')) {
      const today = localDay(now());
      const date = IsoDay.safeParse(url.searchParams.get('date') ?? today);
      const stats = await dailyStats(db, date.success ? date.data : today);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" });
      return void res.end(renderStatsPage(stats, await listProblems(db, false), today));
    }
    if (method === 'GET' && path === '/healthz') return json(200, { ok: true, engine: db.engine });
    if (path.startsWith('/v1/admin/')) {
      await requireAdmin(req, path);
      if (method === 'POST' && path === '/v1/admin/enrolment-codes') {
        const input = parseJson(
          z.object({ compoundId: z.string().min(1).max(64), compoundName: z.string().max(128).optional(), district: z.string().min(1).max(64).optional(), ttlHours: z.number().positive().max(24 * 30).optional() }),
          body,
        );
        return json(200, await createEnrolmentCode(db, { ...input, district: input.district ?? district, nowMs: now() }));
      }
      const admin = /^\/v1\/admin\/downlink\/([a-z-]+)$/.exec(path);
      if (admin && method === 'PUT') {
        const kind = DownlinkKind.safeParse(admin[1]);
        if (!kind.success) throw new HttpError(404, `no downlink document "${admin[1]}"`);
        const content = parseJson(z.unknown(), body);
        try {
          return json(200, await setDownlink(db, kind.data, content));
        } catch (error) {
          throw new HttpError(400, error instanceof z.ZodError ? z.prettifyError(error) : (error as Error).message);
        }
      }
      if (method === 'GET' && path === '/v1/admin/auth-failures') {
        const rows = await db.query(`SELECT ${isoSql('at')} AS at, remote, kiosk_id AS "kioskId", method, path, reason FROM auth_failures ORDER BY failure_id DESC LIMIT 500`);
        return json(200, { failures: rows });
      }
    }
    throw new HttpError(404, `no route ${method} ${path}`);
  }

  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    // Kiosks compare their clock with this (the registry's own clock, also under test control).
    res.setHeader('date', new Date(now()).toUTCString());
    route(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof HttpError ? error.message : 'internal error; the batch was not stored, retry later';
      if (status === 500) log(`error on ${req.method} ${req.url}: ${(error as Error).stack ?? String(error)}`);
      if (res.headersSent) return void res.destroy();
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
      res.end(JSON.stringify({ error: message }));
    });
  };
  const server = options.tls ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, handler) : http.createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host ?? '127.0.0.1';
  return {
    url: `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function listProblems(db: Database, includeResolved: boolean): Promise<OpenProblem[]> {
  return db.query<OpenProblem>(
    `SELECT kiosk_id AS "kioskId", log, kind, from_seq::float8 AS "fromSeq", to_seq::float8 AS "toSeq", detail, ${isoSql('detected_at')} AS "detectedAt",
            entry_id AS "entryId", ${isoSql('resolved_at')} AS "resolvedAt"
     FROM chain_problems ${includeResolved ? '' : 'WHERE resolved_at IS NULL'} ORDER BY problem_id LIMIT 1000`,
  );
}
