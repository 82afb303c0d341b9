// Sessions: a random bearer token (only its SHA-256 is stored) that ends 12 hours after sign-in, after 30 idle minutes
// for a manager or admin, on sign-out, and when the account's secret or role changes or it is switched off. Whoever
// holds a session's event streams is told when sessions end (onChange), so the host can close them at once.
import { createHash, randomBytes } from 'node:crypto';
import type { Role, User } from '../../../common/contract/console.ts';
import type { Db } from '../../platform/store/open-store.ts';

export interface SessionPolicy {
  /** A session ends this long after sign-in, whatever happens. */
  sessionMs: number;
  /** A manager or admin session ends after this long without a call. */
  idleMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { sessionMs: 12 * 3600_000, idleMs: 30 * 60_000 };

interface SessionRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  disabled: number;
  last_seen_ms: number;
  expires_at_ms: number;
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export function createSessions(db: Db, now: () => Date, policy: SessionPolicy = DEFAULT_SESSION_POLICY) {
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of listeners) listener();
  };
  const byToken = db.prepare<[string], SessionRow>(
    'SELECT u.id, u.username, u.display_name, u.role, u.disabled, s.last_seen_ms, s.expires_at_ms FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?',
  );

  /** The session's user, or null (an ended session is removed on the way). */
  function live(token: string, at: number): { hash: string; user: User } | null {
    const hash = tokenHash(token);
    const row = byToken.get(hash);
    if (!row) return null;
    const idle = row.role === 'volunteer' ? policy.sessionMs : policy.idleMs;
    if (at >= row.expires_at_ms || at - row.last_seen_ms >= idle || row.disabled) {
      db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hash);
      return null;
    }
    return { hash, user: { id: row.id, username: row.username, displayName: row.display_name, role: row.role } };
  }

  return {
    /** Starts a session inside the caller's transaction; returns the token (never stored) and when it ends. */
    create(user: User, via: string): { token: string; expiresAt: string } {
      const at = now().getTime();
      const token = randomBytes(32).toString('base64url');
      const expiresAtMs = at + policy.sessionMs;
      db.prepare('INSERT INTO sessions (token_hash, user_id, via, created_at_ms, last_seen_ms, expires_at_ms) VALUES (?, ?, ?, ?, ?, ?)').run(tokenHash(token), user.id, via, at, at, expiresAtMs);
      db.prepare('DELETE FROM sessions WHERE expires_at_ms <= ?').run(at);
      return { token, expiresAt: new Date(expiresAtMs).toISOString() };
    },
    /** The account behind a token for a call: null when unknown or ended; a call counts as activity. */
    resolve(token: string | undefined): User | null {
      if (!token) return null;
      const at = now().getTime();
      const found = live(token, at);
      if (found) db.prepare('UPDATE sessions SET last_seen_ms = ? WHERE token_hash = ?').run(at, found.hash);
      return found?.user ?? null;
    },
    /** The same without counting as activity: an open event stream must not keep an idle session alive. */
    peek(token: string): User | null {
      return live(token, now().getTime())?.user ?? null;
    },
    /** Ends one session; true when there was one. */
    end(token: string): boolean {
      const removed = db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash(token)).changes > 0;
      if (removed) changed();
      return removed;
    },
    /** Ends every session of one account (inside the caller's transaction; call notify() after it commits). */
    endAllOf(userId: string): void {
      db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId);
    },
    notify: changed,
    onChange(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export type Sessions = ReturnType<typeof createSessions>;
