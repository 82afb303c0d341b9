// District staff at the registry: accounts with a role, sign-in throttled by source, and sessions that end after
// 30 minutes without use or 12 hours in all. The session token is a cookie (HttpOnly, SameSite=Strict) for the pages
// and a bearer token for JSON clients; only its SHA-256 is stored.
import { randomBytes } from 'node:crypto';
import { nodeDigest } from '../node-digest.ts';
import type { Database } from '../sql.ts';
import { DUMMY_HASH, hashPassword, passwordProblem, verifyPassword } from './password.ts';

export const ROLES = ['viewer', 'officer', 'admin'] as const;
export type StaffRole = (typeof ROLES)[number];

/** viewer: every page and figure; officer: also acknowledges alerts and publishes watch lists; admin: everything. */
export function mayAct(role: StaffRole, needs: StaffRole): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needs);
}

export interface StaffUser {
  username: string;
  displayName: string;
  role: StaffRole;
}

export const IDLE_MS = 30 * 60_000;
export const ABSOLUTE_MS = 12 * 3600_000;

export class StaffError extends Error {}

const iso = (ms: number) => new Date(ms).toISOString();

export async function createStaff(db: Database, input: { username: string; displayName?: string; role: StaffRole; password: string }): Promise<StaffUser> {
  if (!/^[a-z0-9._-]{2,32}$/.test(input.username)) throw new StaffError('a user name is 2-32 lower-case letters, digits, dots, dashes or underscores');
  if (!ROLES.includes(input.role)) throw new StaffError(`a role is one of ${ROLES.join(', ')}`);
  const problem = passwordProblem(input.password);
  if (problem) throw new StaffError(problem);
  const hash = await hashPassword(input.password);
  const rows = await db.query(
    `INSERT INTO staff_accounts (username, display_name, role, password_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (username) DO NOTHING RETURNING username`,
    [input.username, input.displayName ?? input.username, input.role, hash],
  );
  if (rows.length === 0) throw new StaffError(`there is already an account "${input.username}"`);
  return { username: input.username, displayName: input.displayName ?? input.username, role: input.role };
}

/** Sets a new password and ends the account's sessions. */
export async function setStaffPassword(db: Database, username: string, password: string): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw new StaffError(problem);
  const hash = await hashPassword(password);
  const rows = await db.query('UPDATE staff_accounts SET password_hash = $2, password_changed_at = now(), disabled_at = NULL WHERE username = $1 RETURNING username', [username, hash]);
  if (rows.length === 0) throw new StaffError(`there is no account "${username}"`);
  await db.query('DELETE FROM staff_sessions WHERE username = $1', [username]);
}

export async function listStaff(db: Database): Promise<Array<StaffUser & { disabled: boolean }>> {
  return db.query(`SELECT username, display_name AS "displayName", role, disabled_at IS NOT NULL AS disabled FROM staff_accounts ORDER BY username`);
}

/** The user for a right password; null for a wrong one or an unknown or disabled account (same time for each). */
export async function checkPassword(db: Database, username: string, password: string): Promise<StaffUser | null> {
  const [row] = await db.query<{ username: string; display_name: string; role: StaffRole; password_hash: string; disabled: boolean }>(
    'SELECT username, display_name, role, password_hash, disabled_at IS NOT NULL AS disabled FROM staff_accounts WHERE username = $1',
    [username],
  );
  const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
  if (!row || !ok || row.disabled) return null;
  return { username: row.username, displayName: row.display_name, role: row.role };
}

export async function startSession(db: Database, user: StaffUser, nowMs: number): Promise<{ token: string; expiresAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = iso(Math.min(nowMs + IDLE_MS, nowMs + ABSOLUTE_MS));
  await db.query('INSERT INTO staff_sessions (token_hash, username, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $3, $4)', [
    nodeDigest.sha256Hex(token),
    user.username,
    iso(nowMs),
    expiresAt,
  ]);
  // Old sessions go when new ones start: the table never grows with abandoned tokens.
  await db.query('DELETE FROM staff_sessions WHERE expires_at < $1', [iso(nowMs)]);
  return { token, expiresAt };
}

/** The signed-in user for a token, sliding the idle expiry; null when unknown, expired or the account is disabled. */
export async function resolveSession(db: Database, token: string, nowMs: number): Promise<StaffUser | null> {
  const [row] = await db.query<{ username: string; display_name: string; role: StaffRole; created_ms: number }>(
    `SELECT a.username, a.display_name, a.role, (extract(epoch FROM s.created_at) * 1000)::float8 AS created_ms
     FROM staff_sessions s JOIN staff_accounts a USING (username)
     WHERE s.token_hash = $1 AND s.expires_at > $2 AND a.disabled_at IS NULL`,
    [nodeDigest.sha256Hex(token), iso(nowMs)],
  );
  if (!row) return null;
  await db.query('UPDATE staff_sessions SET last_seen_at = $2, expires_at = $3 WHERE token_hash = $1', [
    nodeDigest.sha256Hex(token),
    iso(nowMs),
    iso(Math.min(nowMs + IDLE_MS, row.created_ms + ABSOLUTE_MS)),
  ]);
  return { username: row.username, displayName: row.display_name, role: row.role };
}

export async function endSession(db: Database, token: string): Promise<void> {
  await db.query('DELETE FROM staff_sessions WHERE token_hash = $1', [nodeDigest.sha256Hex(token)]);
}
