// Accounts (volunteer, manager, admin), sign-in slowed down by source, and sessions that expire.
//
// API (other features and the call plumbing use the first three):
//   verifyCredential({ username, password | pin }, from) -> User   checks a secret without opening a session (a
//                                                      volunteer's PIN sign-on); counted and audited like a sign-in
//   verifySecret(username, secret, from) -> User      the same for a secret typed at the gate: digits are a PIN,
//                                                      anything else a password (manager overrides, policy)
//   resolveSession(token) / peekSession(token) -> User | null
//   signIn({ username, password }, from) -> { token, user, expiresAt } · signOut(token)   the console and the LAN: a
//                                                      password, never a PIN
//   createUser / updateUser / unlock / resetPassword / listUsers / hasManager    account administration (audited)
//
// One answer for every failure ("Wrong user name or password."): an unknown name, a wrong secret and a switched-off
// account look the same, take as long (scrypt against a dummy record) and count the same. Wrong attempts slow down
// their source only (sign-in-throttle.ts); nothing locks an account. Secrets are checked on the thread pool, a few
// at a time (hash-queue.ts), so sign-ins under attack leave the gate's thread alone.
import { randomUUID } from 'node:crypto';
import type { Role, User, UserView } from '../../../common/contract/console.ts';
import { GateError } from '../../../common/contract/errors.ts';
import { weakPinReason } from '../../../common/contract/pin-rules.ts';
import { recordAudit, type Actor } from '../../platform/audit/audit-log.ts';
import type { Db } from '../../platform/store/open-store.ts';
import { createHashQueue, type HashQueueOptions } from './hash-queue.ts';
import { hashSecret, verifySecret } from './secret-hash.ts';
import { createSessions, DEFAULT_SESSION_POLICY, type SessionPolicy } from './sessions.ts';
import { createSignInThrottle, DEFAULT_THROTTLE, type ThrottlePolicy, type Wait } from './sign-in-throttle.ts';

/** Where an attempt comes from: `source` is what is slowed down, `local` (the kiosk's own screen) is checked first. */
export interface AttemptSource {
  source: string;
  local: boolean;
  /** The transport, for the audit record and the rule that the network never takes a PIN. */
  via: string;
}

export type Credentials = { username: string; password?: string; pin?: string };

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string | null;
  pin_hash: string | null;
  disabled: number;
  created_at: string;
  last_sign_in_at: string | null;
}

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

export interface AccountsDeps {
  db: Db;
  now?: () => Date;
  sessions?: Partial<SessionPolicy>;
  throttle?: Partial<ThrottlePolicy>;
  hashing?: HashQueueOptions;
}

const WRONG = { password: 'Wrong user name or password.', pin: 'Wrong user name or PIN.' } as const;
// Actions after which a source's slow-down for a name no longer applies; the CLI writes them from another process.
const UNLOCKING_ACTIONS = ['account-unlocked', 'password-reset'];

let dummyRecord: Promise<string> | null = null;
// Checked against unknown names so a wrong name takes as long as a wrong password.
const dummy = () => (dummyRecord ??= hashSecret('not a real secret'));

const sessionUser = (row: UserRow): User => ({ id: row.id, username: row.username, displayName: row.display_name, role: row.role });

function checkPin(pin: string | null | undefined): void {
  if (!pin) return;
  const weak = weakPinReason(pin);
  if (weak) throw new GateError('bad-input', `The PIN ${weak}.`, { key: weak.startsWith('must') ? 'pin-length' : 'pin-guessable' });
}

export function createAccounts(deps: AccountsDeps) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const sessions = createSessions(db, now, { ...DEFAULT_SESSION_POLICY, ...deps.sessions });
  const throttlePolicy = { ...DEFAULT_THROTTLE, ...deps.throttle };
  const throttle = createSignInThrottle(throttlePolicy, () => now().getTime());
  const hold = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, Math.min(ms, throttlePolicy.holdMs))));
  const queue = createHashQueue(deps.hashing);
  const byName = db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ?');
  const byId = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?');
  const unlockedSince = db.prepare<{ since: number; name: string }, { found: number }>(
    `SELECT 1 AS found FROM audit_log WHERE action IN (${UNLOCKING_ACTIONS.map((a) => `'${a}'`).join(', ')}) AND at_ms >= @since AND (@name = '' OR lower(subject) = @name) LIMIT 1`,
  );

  function mustFind(id: string): UserRow {
    const row = byId.get(id);
    if (!row) throw new GateError('not-found', 'No such account. Reload the list of accounts.', { key: 'account-not-found' });
    return row;
  }

  /** A wait still in force, unless an unlock (here, or by the CLI in another process) came after it began. */
  function waitFor(from: AttemptSource, username: string): Wait | null {
    const wait = throttle.wait(from.source, username);
    if (!wait) return null;
    if (unlockedSince.get({ since: wait.sinceMs, name: wait.by === 'name' ? username.trim().toLowerCase() : '' })) {
      throttle.clear(username);
      return throttle.wait(from.source, username);
    }
    return wait;
  }

  /** The one place a secret is checked. */
  async function check(username: string, secret: string, kind: 'password' | 'pin', from: AttemptSource): Promise<User> {
    const name = username.trim();
    const wait = waitFor(from, name);
    if (wait) {
      await hold(wait.waitMs);
      throw new GateError('forbidden', `Too many wrong attempts from here. Wait ${Math.ceil(wait.waitMs / 1000)} s, then try again.`, { key: 'too-many-attempts', params: { seconds: Math.ceil(wait.waitMs / 1000) } });
    }
    const found = byName.get(name);
    const record = found ? (kind === 'pin' ? found.pin_hash : found.password_hash) : null;
    const matches = await queue.run(async () => verifySecret(secret, record ?? (await dummy())), from.local).catch(async (error: unknown) => {
      if (error instanceof GateError && error.code === 'unavailable') await hold(throttlePolicy.holdMs);
      throw error;
    });
    // Read again after the wait in the queue: the account may have been changed or switched off meanwhile.
    const row = found ? byId.get(found.id) : undefined;
    const ok = matches && record !== null && row !== undefined && row.disabled === 0 && (kind === 'pin' ? row.pin_hash : row.password_hash) === record;
    const at = now();
    if (!ok) {
      throttle.failed(from.source, name);
      const why = !row ? 'unknown user' : row.disabled ? 'switched off' : record === null ? `no ${kind} set` : `wrong ${kind}`;
      recordAudit(db, { actor: { name: row?.username ?? name, role: row?.role ?? null }, action: 'sign-in-failed', subject: row?.username ?? name, detail: { why, via: from.via, source: from.source } }, at);
      throw new GateError('forbidden', WRONG[kind], { key: kind === 'pin' ? 'wrong-pin' : 'wrong-credentials' });
    }
    throttle.succeeded(from.source, name);
    return sessionUser(row!);
  }

  function verifyCredential(credentials: Credentials, from: AttemptSource): Promise<User> {
    const usePin = credentials.password === undefined && credentials.pin !== undefined;
    return check(credentials.username, usePin ? credentials.pin! : (credentials.password ?? ''), usePin ? 'pin' : 'password', from);
  }

  async function signIn(credentials: Credentials, from: AttemptSource): Promise<{ token: string; user: User; expiresAt: string }> {
    // The console and the network take a password: a 4-digit PIN is guessed in hours by a patient peer.
    if (credentials.password === undefined) {
      throw new GateError('bad-input', credentials.pin !== undefined ? 'Sign in with your password. A PIN only signs a volunteer on at the gate.' : 'Type your password.', credentials.pin !== undefined ? { key: 'password-not-pin' } : { key: 'type-password' });
    }
    const user = await check(credentials.username, credentials.password, 'password', from);
    const at = now();
    return db.transaction(() => {
      const session = sessions.create(user, from.via);
      db.prepare('UPDATE users SET last_sign_in_at = ? WHERE id = ?').run(at.toISOString(), user.id);
      recordAudit(db, { actor: { name: user.username, role: user.role }, action: 'sign-in', subject: user.username, detail: { via: from.via, source: from.source, with: 'password' } }, at);
      return { ...session, user };
    })();
  }

  function signOut(token: string | undefined, actor: Actor): void {
    if (token && sessions.end(token)) recordAudit(db, { actor, action: 'sign-out', subject: actor.name }, now());
  }

  async function createUser(input: NewUser, actor: Actor, alsoInTransaction?: () => void): Promise<UserView> {
    if (input.role !== 'volunteer' && !input.password) throw new GateError('bad-input', 'Managers and admins need a password of at least 8 characters.', { key: 'password-needed', params: { min: 8 } });
    if (input.role === 'volunteer' && !input.password && !input.pin) throw new GateError('bad-input', 'Give the volunteer a PIN or a password.', { key: 'pin-or-password-needed' });
    checkPin(input.pin);
    if (byName.get(input.username)) throw new GateError('conflict', `The user name ${input.username} is taken. Choose another.`, { key: 'username-taken', params: { username: input.username } });
    const [passwordHash, pinHash] = await Promise.all([input.password ? hashSecret(input.password) : null, input.pin ? hashSecret(input.pin) : null]);
    const at = now();
    const id = randomUUID();
    db.transaction(() => {
      if (byName.get(input.username)) throw new GateError('conflict', `The user name ${input.username} is taken. Choose another.`, { key: 'username-taken', params: { username: input.username } });
      db.prepare('INSERT INTO users (id, username, display_name, role, password_hash, pin_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(id, input.username, input.displayName, input.role, passwordHash, pinHash, at.toISOString());
      recordAudit(db, { actor, action: 'account-created', subject: input.username, detail: { role: input.role } }, at);
      alsoInTransaction?.();
    })();
    return view(mustFind(id));
  }

  async function updateUser(id: string, changes: UserChanges, actor: Actor): Promise<UserView> {
    const row = mustFind(id);
    const role = changes.role ?? row.role;
    if (row.username === actor.name && changes.role && changes.role !== row.role) throw new GateError('forbidden', 'You cannot change your own role. Ask another admin.', { key: 'own-role' });
    if (row.username === actor.name && changes.disabled) throw new GateError('forbidden', 'You cannot switch off your own account.', { key: 'own-account-off' });
    if (role !== 'volunteer' && !row.password_hash && !changes.password) throw new GateError('bad-input', 'Set a password of at least 8 characters for a manager or admin.', { key: 'password-needed', params: { min: 8 } });
    checkPin(changes.pin);
    const [passwordHash, pinHash] = await Promise.all([changes.password ? hashSecret(changes.password) : null, changes.pin ? hashSecret(changes.pin) : null]);
    const endsSessions = Boolean(changes.password || changes.pin !== undefined || changes.role || changes.disabled);
    db.transaction(() => {
      db.prepare('UPDATE users SET display_name = ?, role = ?, password_hash = ?, pin_hash = ?, disabled = ? WHERE id = ?').run(
        changes.displayName ?? row.display_name,
        role,
        passwordHash ?? row.password_hash,
        changes.pin === null ? null : (pinHash ?? row.pin_hash),
        changes.disabled === undefined ? row.disabled : changes.disabled ? 1 : 0,
        id,
      );
      // A changed secret or role ends the person's sessions: whoever held the old one must sign in again.
      if (endsSessions) sessions.endAllOf(id);
      const changed = Object.keys(changes).filter((k) => changes[k as keyof UserChanges] !== undefined);
      recordAudit(db, { actor, action: 'account-changed', subject: row.username, detail: { changed, role } }, now());
    })();
    if (endsSessions) sessions.notify();
    return view(mustFind(id));
  }

  /** Ends every slow-down for this account's name (and every source's own count). Audited. */
  function unlock(id: string, actor: Actor, via = 'console'): UserView {
    const row = mustFind(id);
    db.transaction(() => {
      // The columns of the old lock-out (migration 003) are cleared too, for databases that still carry one.
      db.prepare('UPDATE users SET locked_at = NULL, failed_count = 0, retry_after_ms = NULL WHERE id = ?').run(id);
      recordAudit(db, { actor, action: 'account-unlocked', subject: row.username, detail: { via } }, now());
    })();
    throttle.clear(row.username);
    return view(mustFind(id));
  }

  /** The machine owner's recovery: a new password, every session ended, every slow-down cleared. Audited. */
  async function resetPassword(username: string, password: string, actor: Actor, via: string): Promise<UserView> {
    const row = byName.get(username.trim());
    if (!row) throw new GateError('not-found', `There is no account ${username}. List them with \`gate-kiosk accounts list\`.`, { key: 'account-not-found' });
    if (password.length < 8) throw new GateError('bad-input', 'The new password needs at least 8 characters.', { key: 'password-needed', params: { min: 8 } });
    const hash = await hashSecret(password);
    db.transaction(() => {
      db.prepare('UPDATE users SET password_hash = ?, locked_at = NULL, failed_count = 0, retry_after_ms = NULL WHERE id = ?').run(hash, row.id);
      sessions.endAllOf(row.id);
      recordAudit(db, { actor, action: 'password-reset', subject: row.username, detail: { via } }, now());
    })();
    sessions.notify();
    throttle.clear(row.username);
    return view(mustFind(row.id));
  }

  function view(row: UserRow): UserView {
    return {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      hasPassword: row.password_hash !== null,
      hasPin: row.pin_hash !== null,
      // "Locked" now means: some source is waiting after wrong attempts with this name; an unlock clears the wait.
      locked: throttle.slowedNames().has(row.username.toLowerCase()),
      disabled: row.disabled === 1,
      createdAt: row.created_at,
      lastSignInAt: row.last_sign_in_at,
    };
  }

  return {
    verifyCredential,
    // A PIN is digits only; anything else is a password. One attempt per call, so the slow-down counts stay honest.
    async verifySecret(username: string, secret: string, from: AttemptSource): Promise<User> {
      const pin = /^\d{4,8}$/.test(secret);
      // The network never takes a PIN; the kiosk PC itself does, also when its screen uses the LAN host.
      if (pin && !from.local) throw new GateError('bad-input', 'On the network, type the password, not the PIN.', { key: 'password-on-network' });
      return check(username, secret, pin ? 'pin' : 'password', from);
    },
    signIn,
    resolveSession: (token: string | undefined) => sessions.resolve(token),
    peekSession: (token: string) => sessions.peek(token),
    onSessionsChanged: (listener: () => void) => sessions.onChange(listener),
    /** After accounts were removed outside this module (sample data removal): streams of ended sessions close. */
    sessionsChanged: () => sessions.notify(),
    signOut,
    createUser,
    updateUser,
    unlock,
    resetPassword,
    listUsers: (): UserView[] => db.prepare<[], UserRow>('SELECT * FROM users ORDER BY role DESC, username').all().map(view),
    hasManager: (): boolean => Boolean(db.prepare("SELECT 1 FROM users WHERE role IN ('manager', 'admin') AND disabled = 0 LIMIT 1").get()),
    findUser: (id: string): UserView => view(mustFind(id)),
    findByName: (username: string): UserView | null => {
      const row = byName.get(username.trim());
      return row ? view(row) : null;
    },
    hashing: () => queue.stats(),
  };
}
export type Accounts = ReturnType<typeof createAccounts>;
