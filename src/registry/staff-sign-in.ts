// Staff sign-in and sign-out, for the pages (a cookie) and for JSON clients (a bearer token): throttled by source,
// one message for every failure, every failure in the log of refused requests.
import { logAuthFailure } from './auth.ts';
import { SESSION_COOKIE, sessionToken, type RegistryContext, type Request } from './context.ts';
import { HttpError } from './http-kit.ts';
import { checkPassword, endSession, startSession, type StaffUser } from './staff/accounts.ts';
import { HashingBusy } from './staff/password.ts';

export const SIGN_IN_FAILED = 'user name or password is wrong (or the account is disabled); check both and try again';

export async function signIn(ctx: RegistryContext, r: Request, username: string, password: string): Promise<{ user: StaffUser; token: string; expiresAt: string }> {
  const wait = await ctx.throttles.signIn.waitMs(r.source, ctx.now());
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    throw new HttpError(429, `too many failed sign-ins from this address: wait ${seconds} s, then try again`, { 'retry-after': String(seconds) });
  }
  let user: StaffUser | null;
  try {
    user = username.length <= 64 && password.length <= 200 ? await checkPassword(ctx.db, username, password) : null;
  } catch (error) {
    if (error instanceof HashingBusy) throw new HttpError(503, error.message, { 'retry-after': '30' });
    throw error;
  }
  if (!user) {
    await ctx.throttles.signIn.failed(r.source, ctx.now());
    await logAuthFailure(ctx.db, { remote: r.source, kioskId: null, method: r.method, path: r.path, reason: 'staff sign-in failed' });
    throw new HttpError(401, SIGN_IN_FAILED);
  }
  await ctx.throttles.signIn.succeeded(r.source);
  const session = await startSession(ctx.db, user, ctx.now());
  ctx.log(`staff ${user.username} signed in from ${r.source}`);
  return { user, ...session };
}

export function sessionCookie(ctx: RegistryContext, token: string | null): string {
  const flags = `Path=/; HttpOnly; SameSite=Strict${ctx.secure ? '; Secure' : ''}`;
  return token ? `${SESSION_COOKIE}=${token}; ${flags}` : `${SESSION_COOKIE}=; ${flags}; Max-Age=0`;
}

export async function signOut(ctx: RegistryContext, r: Request): Promise<void> {
  const token = sessionToken(r.req);
  if (token) await endSession(ctx.db, token);
}

/** Only a path on this site: never an absolute URL or a protocol-relative one (an open redirect). */
export function localPath(next: string | undefined): string {
  return next && /^\/(?![/\\])[^\s]*$/.test(next) ? next : '/';
}
