// What every route of the registry is given: the database, the district's keys, the clock, the settings, the
// throttles, and the two ways of being let in (a signed kiosk request, a staff session).
import type http from 'node:http';
import { authenticate, logAuthFailure } from './auth.ts';
import type { DistrictKeys } from './district-keys.ts';
import { cookies, HttpError, sourceOf } from './http-kit.ts';
import type { KioskIdentity } from './ingest.ts';
import type { EntryWindow } from './partitions.ts';
import type { Database } from './sql.ts';
import { mayAct, resolveSession, type StaffRole, type StaffUser } from './staff/accounts.ts';
import type { Throttle } from './throttle.ts';

export const SESSION_COOKIE = 'gk_staff';

export interface RegistryContext {
  db: Database;
  /** Where the staff's figures are read: a streaming replica of db, or db itself. Writes and sessions use db. */
  readDb: Database;
  keys: DistrictKeys;
  now(): number;
  log(message: string): void;
  district: string;
  timeZone: string;
  adminToken: string;
  secure: boolean;
  trustProxy: boolean;
  reportHour: number;
  silentMinutes: number;
  window?: EntryWindow;
  throttles: { signIn: Throttle; enrol: Throttle };
}

export interface Request {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  url: URL;
  path: string;
  method: string;
  body: Buffer;
  source: string;
}

export async function requireKiosk(ctx: RegistryContext, r: Request): Promise<KioskIdentity> {
  const result = await authenticate(ctx.db, { method: r.method, path: r.path, headers: r.req.headers, body: r.body }, ctx.now());
  if (result.ok) return result.kiosk;
  await logAuthFailure(ctx.db, { remote: r.source, kioskId: result.kioskId, method: r.method, path: r.path, reason: result.reason });
  ctx.log(`auth refused: ${r.method} ${r.path} kiosk=${result.kioskId ?? '-'}: ${result.reason}`);
  throw new HttpError(401, `authentication failed: ${result.reason}`);
}

/** The session token from the page's cookie or a JSON client's bearer header. */
export function sessionToken(req: http.IncomingMessage): string | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  return bearer ?? cookies(req)[SESSION_COOKIE] ?? null;
}

export async function staffUser(ctx: RegistryContext, req: http.IncomingMessage): Promise<StaffUser | null> {
  const token = sessionToken(req);
  return token ? resolveSession(ctx.db, token, ctx.now()) : null;
}

/** A signed-in user with at least the role; a page is sent to sign in, a JSON client gets 401 (or 403). */
export async function requireStaff(ctx: RegistryContext, r: Request, role: StaffRole, kind: 'page' | 'json'): Promise<StaffUser> {
  const user = await staffUser(ctx, r.req);
  if (!user) {
    if (kind === 'page' && r.method === 'GET') throw new HttpError(303, 'sign in first', { location: `/sign-in?next=${encodeURIComponent(r.url.pathname + r.url.search)}` });
    throw new HttpError(401, 'sign in first: POST /v1/staff/sign-in with your user name and password, then send the token as "Authorization: Bearer <token>"');
  }
  if (!mayAct(user.role, role)) throw new HttpError(403, `this needs the ${role} role or higher; your account is ${user.role}: ask an administrator`);
  // A form posted from another site rides on the cookie: refuse it unless it comes from our own pages.
  if (r.method !== 'GET' && !/^Bearer\s/i.test(r.req.headers.authorization ?? '')) {
    const origin = r.req.headers.origin;
    if (origin !== undefined && origin !== `${ctx.secure ? 'https' : 'http'}://${r.req.headers.host}`) throw new HttpError(403, 'this form was sent from another site; use the registry’s own pages');
  }
  return user;
}

export function sourceOfRequest(ctx: RegistryContext, req: http.IncomingMessage): string {
  return sourceOf(req, ctx.trustProxy);
}
