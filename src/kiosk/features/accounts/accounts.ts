// Accounts (volunteer, manager, admin), sign-in with lockout, and sessions that expire.
//
// API (other features and the call plumbing use the first three):
//   verifyCredential({ username, password | pin }) -> User   checks a secret without opening a session (volunteer PIN
//                                                              sign-on); counts and audits failures exactly like a sign-in
//   verifySecret(username, secret) -> User                   the same for a secret typed at the gate: digits are a PIN,
//                                                              anything else a password (manager overrides, policy)
//   resolveSession(token) -> User | null                     null when unknown, expired or idle too long
//   signIn(credentials, via) -> { token, user, expiresAt } · signOut(token)
//   createUser / updateUser / unlock / listUsers / hasManager         account administration (audited)
//
// Lockout: 3 free attempts; each further failure makes the next attempt wait twice as long (1 s, 2 s, 4 s ... 60 s);
// the 10th consecutive failure locks the account until a manager or admin unlocks it, whatever the clock says.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Role, User, UserView } from '../../../common/contract/console.ts';
import { GateError } from '../../../common/contract/errors.ts';
import { recordAudit, type Actor } from '../../platform/audit/audit-log.ts';
import { hashSecret, verifySecret } from './secret-hash.ts';

type Db = Database.Database;

export interface AccountPolicy {
  freeAttempts: number;
  lockAfter: number;
  maxDelayMs: number;
  /** A session ends this long after sign-in, whatever happens. */
  sessionMs: number;
  /** A manager or admin session ends after this long without a call. */
  idleMs: number;
}

export const DEFAULT_ACCOUNT_POLICY: AccountPolicy = { freeAttempts: 3, lockAfter: 10, maxDelayMs: 60_000, sessionMs: 12 * 3600_000, idleMs: 30 * 60_000 };

export type Credentials = { username: string; password?: string; pin?: string };

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string | null;
  pin_hash: string | null;
  failed_count: number;
  retry_after_ms: number | null;
  locked_at: string | null;
  disabled: number;
  created_at: string;
  last_sign_in_at: string | null;
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
// Checked against unknown usernames so a wrong name takes as long as a wrong password.
const DUMMY_RECORD = hashSecret('not a real secret');

function view(row: UserRow): UserView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    hasPassword: row.password_hash !== null,
    hasPin: row.pin_hash !== null,
    locked: row.locked_at !== null,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
    lastSignInAt: row.last_sign_in_at,
  };
}

const sessionUser = (row: UserRow): User => ({ id: row.id, username: row.username, displayName: row.display_name, role: row.role });

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  password?: string;
  pin?: string;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  password?: string;
  pin?: string | null;
  disabled?: boolean;
}

export function createAccounts(deps: { db: Db; now?: () => Date; policy?: Partial<AccountPolicy> }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const policy = { ...DEFAULT_ACCOUNT_POLICY, ...deps.policy };
  const byName = db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ?');
  const byId = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?');

  function mustFind(id: string): UserRow {
    const row = byId.get(id);
    if (!row) throw new GateError('not-found', 'No such account. Reload the list of accounts.');
    return row;
  }

  function fail(row: UserRow | undefined, username: string, at: Date): never {
    if (!row) {
      recordAudit(db, { actor: { name: username, role: null }, action: 'sign-in-failed', subject: username, detail: { why: 'unknown user' } }, at);
      throw new GateError('forbidden', 'Wrong user name or password.');
    }
    const failed = row.failed_count + 1;
    const lock = failed >= policy.lockAfter;
    const delay = failed > policy.freeAttempts ? Math.min(policy.maxDelayMs, 1000 * 2 ** (failed - policy.freeAttempts - 1)) : 0;
    db.transaction(() => {
      db.prepare('UPDATE users SET failed_count = ?, retry_after_ms = ?, locked_at = ? WHERE id = ?').run(failed, delay ? at.getTime() + delay : null, lock ? at.toISOString() : null, row.id);
      recordAudit(db, { actor: { name: row.username, role: row.role }, action: 'sign-in-failed', subject: row.username, detail: { failed } }, at);
      if (lock) recordAudit(db, { actor: { name: row.username, role: row.role }, action: 'account-locked', subject: row.username, detail: { failed } }, at);
    })();
    if (lock) throw new GateError('forbidden', `Too many wrong attempts: the account ${row.username} is now locked. Ask a manager to unlock it.`);
    throw new GateError('forbidden', delay ? `Wrong user name or password. Wait ${Math.ceil(delay / 1000)} s before the next try.` : 'Wrong user name or password.');
  }

  function verifyCredential(credentials: Credentials): User {
    const at = now();
    const row = byName.get(credentials.username.trim());
    if (row?.locked_at) throw new GateError('forbidden', `The account ${row.username} is locked after too many wrong attempts. Ask a manager to unlock it.`);
    if (row?.disabled) throw new GateError('forbidden', `The account ${row.username} is switched off. Ask a manager.`);
    if (row?.retry_after_ms && at.getTime() < row.retry_after_ms) {
      throw new GateError('forbidden', `Too many wrong attempts. Wait ${Math.ceil((row.retry_after_ms - at.getTime()) / 1000)} s, then try again.`);
    }
    const usePin = credentials.password === undefined && credentials.pin !== undefined;
    const secret = usePin ? credentials.pin! : (credentials.password ?? '');
    const record = row ? (usePin ? row.pin_hash : row.password_hash) : null;
    const ok = verifySecret(secret, record ?? DUMMY_RECORD) && record !== null;
    if (!ok || !row) fail(row, credentials.username.trim(), at);
    if (row.failed_count > 0 || row.retry_after_ms) db.prepare('UPDATE users SET failed_count = 0, retry_after_ms = NULL WHERE id = ?').run(row.id);
    return sessionUser(row);
  }

  function signIn(credentials: Credentials, via: string): { token: string; user: User; expiresAt: string } {
    const user = verifyCredential(credentials);
    const at = now();
    const token = randomBytes(32).toString('base64url');
    const expiresAtMs = at.getTime() + policy.sessionMs;
    db.transaction(() => {
      db.prepare('INSERT INTO sessions (token_hash, user_id, via, created_at_ms, last_seen_ms, expires_at_ms) VALUES (?, ?, ?, ?, ?, ?)').run(tokenHash(token), user.id, via, at.getTime(), at.getTime(), expiresAtMs);
      db.prepare('UPDATE users SET last_sign_in_at = ? WHERE id = ?').run(at.toISOString(), user.id);
      db.prepare('DELETE FROM sessions WHERE expires_at_ms <= ?').run(at.getTime());
      recordAudit(db, { actor: { name: user.username, role: user.role }, action: 'sign-in', subject: user.username, detail: { via, with: credentials.password === undefined ? 'pin' : 'password' } }, at);
    })();
    return { token, user, expiresAt: new Date(expiresAtMs).toISOString() };
  }

  function resolveSession(token: string | undefined): User | null {
    if (!token) return null;
    const at = now().getTime();
    const hash = tokenHash(token);
    const row = db
      .prepare<[string], UserRow & { last_seen_ms: number; expires_at_ms: number }>('SELECT u.*, s.last_seen_ms, s.expires_at_ms FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?')
      .get(hash);
    if (!row) return null;
    const idle = row.role === 'volunteer' ? policy.sessionMs : policy.idleMs;
    if (at >= row.expires_at_ms || at - row.last_seen_ms >= idle || row.locked_at || row.disabled) {
      db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hash);
      return null;
    }
    db.prepare('UPDATE sessions SET last_seen_ms = ? WHERE token_hash = ?').run(at, hash);
    return sessionUser(row);
  }

  function signOut(token: string | undefined, actor: Actor): void {
    if (!token) return;
    const removed = db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash(token));
    if (removed.changes) recordAudit(db, { actor, action: 'sign-out', subject: actor.name }, now());
  }

  function checkSecrets(role: Role, password: string | undefined, pin: string | null | undefined): void {
    if (role !== 'volunteer' && password === undefined) return;
    if (role === 'volunteer' && !password && !pin) throw new GateError('bad-input', 'Give the volunteer a PIN or a password.');
  }

  function createUser(input: NewUser, actor: Actor): UserView {
    if (input.role !== 'volunteer' && !input.password) throw new GateError('bad-input', 'Managers and admins need a password of at least 8 characters.');
    checkSecrets(input.role, input.password, input.pin);
    if (byName.get(input.username)) throw new GateError('conflict', `The user name ${input.username} is taken. Choose another.`);
    const at = now();
    const id = randomUUID();
    db.transaction(() => {
      db.prepare('INSERT INTO users (id, username, display_name, role, password_hash, pin_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        id, input.username, input.displayName, input.role, input.password ? hashSecret(input.password) : null, input.pin ? hashSecret(input.pin) : null, at.toISOString(),
      );
      recordAudit(db, { actor, action: 'account-created', subject: input.username, detail: { role: input.role } }, at);
    })();
    return view(mustFind(id));
  }

  function updateUser(id: string, changes: UserChanges, actor: Actor): UserView {
    const row = mustFind(id);
    const role = changes.role ?? row.role;
    if (row.username === actor.name && changes.role && changes.role !== row.role) throw new GateError('forbidden', 'You cannot change your own role. Ask another admin.');
    if (row.username === actor.name && changes.disabled) throw new GateError('forbidden', 'You cannot switch off your own account.');
    if (role !== 'volunteer' && !row.password_hash && !changes.password) throw new GateError('bad-input', 'Set a password of at least 8 characters for a manager or admin.');
    const at = now();
    db.transaction(() => {
      db.prepare('UPDATE users SET display_name = ?, role = ?, password_hash = ?, pin_hash = ?, disabled = ? WHERE id = ?').run(
        changes.displayName ?? row.display_name,
        role,
        changes.password ? hashSecret(changes.password) : row.password_hash,
        changes.pin === null ? null : changes.pin ? hashSecret(changes.pin) : row.pin_hash,
        changes.disabled === undefined ? row.disabled : changes.disabled ? 1 : 0,
        id,
      );
      // A changed secret or role ends the person's sessions: whoever held the old one must sign in again.
      if (changes.password || changes.pin !== undefined || changes.role || changes.disabled) db.prepare('DELETE FROM sessions WHERE user_id = ?').run(id);
      const changed = Object.keys(changes).filter((k) => changes[k as keyof UserChanges] !== undefined);
      recordAudit(db, { actor, action: 'account-changed', subject: row.username, detail: { changed, role } }, at);
    })();
    return view(mustFind(id));
  }

  function unlock(id: string, actor: Actor): UserView {
    const row = mustFind(id);
    db.transaction(() => {
      db.prepare('UPDATE users SET locked_at = NULL, failed_count = 0, retry_after_ms = NULL WHERE id = ?').run(id);
      recordAudit(db, { actor, action: 'account-unlocked', subject: row.username }, now());
    })();
    return view(mustFind(id));
  }

  return {
    verifyCredential,
    // A PIN is digits only; anything else is a password. One attempt per call, so lockout counts stay honest.
    verifySecret: (username: string, secret: string): User => verifyCredential(/^\d{4,8}$/.test(secret) ? { username, pin: secret } : { username, password: secret }),
    signIn,
    resolveSession,
    signOut,
    createUser,
    updateUser,
    unlock,
    listUsers: (): UserView[] => db.prepare<[], UserRow>('SELECT * FROM users ORDER BY role DESC, username').all().map(view),
    hasManager: (): boolean => Boolean(db.prepare("SELECT 1 FROM users WHERE role IN ('manager', 'admin') AND disabled = 0 LIMIT 1").get()),
    findUser: (id: string): UserView => view(mustFind(id)),
  };
}
export type Accounts = ReturnType<typeof createAccounts>;
