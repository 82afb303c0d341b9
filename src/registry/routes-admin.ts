// The administrator's API behind the admin token (what `gate-kiosk registry code|publish|staff` call): enrolment
// codes, district documents, watch lists, staff accounts and the log of refused requests.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { DownlinkKind } from '../common/wire/schemas.ts';
import { createEnrolmentCode, logAuthFailure } from './auth.ts';
import type { RegistryContext, Request } from './context.ts';
import { setDownlink } from './downlink.ts';
import { HttpError, parseJson, sendJson } from './http-kit.ts';
import { isoSql } from './schema.ts';
import { createStaff, listStaff, ROLES, setStaffPassword, StaffError } from './staff/accounts.ts';
import { publishFromFile } from './watch-publish.ts';

async function requireAdmin(ctx: RegistryContext, r: Request): Promise<void> {
  const given = Buffer.from((r.req.headers.authorization ?? '').replace(/^Bearer\s+/i, ''));
  const expected = Buffer.from(ctx.adminToken);
  if (given.length === expected.length && timingSafeEqual(given, expected)) return;
  await logAuthFailure(ctx.db, { remote: r.source, kioskId: null, method: r.method, path: r.path, reason: 'bad admin token' });
  throw new HttpError(401, 'authentication failed: admin token required (Authorization: Bearer <token>)');
}

const freshPassword = () => randomBytes(12).toString('base64url');

export async function adminRoutes(ctx: RegistryContext, r: Request): Promise<boolean> {
  const { method, path, res, body } = r;
  if (!path.startsWith('/v1/admin/')) return false;
  await requireAdmin(ctx, r);
  if (method === 'POST' && path === '/v1/admin/enrolment-codes') {
    const input = parseJson(
      z.object({ compoundId: z.string().min(1).max(64), compoundName: z.string().max(128).optional(), district: z.string().min(1).max(64).optional(), ttlHours: z.number().positive().max(24 * 30).optional() }),
      body,
    );
    sendJson(res, 200, await createEnrolmentCode(ctx.db, { ...input, district: input.district ?? ctx.district, nowMs: ctx.now() }));
    return true;
  }
  const doc = /^\/v1\/admin\/downlink\/([a-z-]+)$/.exec(path);
  if (doc && method === 'PUT') {
    const kind = DownlinkKind.safeParse(doc[1]);
    if (!kind.success) throw new HttpError(404, `no downlink document "${doc[1]}"${doc[1] === 'watch-list' ? ': publish watch lists with POST /v1/admin/watch-lists (a CSV or XLSX file)' : ''}`);
    try {
      sendJson(res, 200, await setDownlink(ctx.db, kind.data, parseJson(z.unknown(), body)));
    } catch (error) {
      if (error instanceof HttpError) throw error;
      throw new HttpError(400, error instanceof z.ZodError ? z.prettifyError(error) : (error as Error).message);
    }
    return true;
  }
  if (method === 'POST' && path === '/v1/admin/watch-lists') {
    const input = parseJson(z.object({ fileName: z.string().max(200), contentBase64: z.string().max(12_000_000), publishedBy: z.string().min(1).max(64).default('administrator') }), body);
    const outcome = await publishFromFile(ctx.db, { name: input.fileName, bytes: Buffer.from(input.contentBase64, 'base64') }, input.publishedBy, ctx.timeZone);
    if (outcome.ok) sendJson(res, 200, outcome.list);
    else sendJson(res, 400, { error: `nothing was published: ${outcome.errors.length} problem(s); fix them and publish again`, errors: outcome.errors });
    return true;
  }
  if (method === 'GET' && path === '/v1/admin/auth-failures') {
    const rows = await ctx.db.query(`SELECT ${isoSql('at')} AS at, remote, kiosk_id AS "kioskId", method, path, reason FROM auth_failures ORDER BY failure_id DESC LIMIT 500`);
    sendJson(res, 200, { failures: rows });
    return true;
  }
  if (method === 'GET' && path === '/v1/admin/district-key') {
    sendJson(res, 200, { publicKey: ctx.keys.publicKey, fingerprint: ctx.keys.fingerprint });
    return true;
  }
  if (method === 'GET' && path === '/v1/admin/staff') {
    sendJson(res, 200, { staff: await listStaff(ctx.db) });
    return true;
  }
  try {
    if (method === 'POST' && path === '/v1/admin/staff') {
      const input = parseJson(z.object({ username: z.string(), displayName: z.string().max(64).optional(), role: z.enum(ROLES), password: z.string().max(200).optional() }), body);
      const password = input.password ?? freshPassword();
      const user = await createStaff(ctx.db, { ...input, password });
      sendJson(res, 200, { ...user, ...(input.password ? {} : { password }) });
      return true;
    }
    const reset = /^\/v1\/admin\/staff\/([a-z0-9._-]{2,32})\/password$/.exec(path);
    if (reset && method === 'POST') {
      const input = parseJson(z.object({ password: z.string().max(200).optional() }), body);
      const password = input.password ?? freshPassword();
      await setStaffPassword(ctx.db, reset[1]!, password);
      sendJson(res, 200, { username: reset[1], ...(input.password ? {} : { password }) });
      return true;
    }
  } catch (error) {
    if (error instanceof StaffError) throw new HttpError(400, error.message);
    throw error;
  }
  return false;
}
