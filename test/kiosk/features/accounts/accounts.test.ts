// Sign-in, lockout and sessions against a real SQLite file, with the clock injected.
import { afterEach, describe, expect, it } from 'vitest';
import { createAccounts, type Accounts } from '../../../../src/kiosk/features/accounts/accounts.ts';
import { hashSecret, verifySecret } from '../../../../src/kiosk/features/accounts/secret-hash.ts';
import { listAudit, SYSTEM_ACTOR } from '../../../../src/kiosk/platform/audit/audit-log.ts';
import { openStore, type Db } from '../../../../src/kiosk/platform/store/open-store.ts';
import { tempDir } from '../../../support/temp-dir.ts';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

function setup(): { db: Db; accounts: Accounts; clock: { t: number } } {
  const t = tempDir();
  const db = openStore(t.dir);
  cleanups.push(() => db.close(), t.remove);
  const clock = { t: Date.parse('2026-03-01T08:00:00Z') };
  const accounts = createAccounts({ db, now: () => new Date(clock.t) });
  accounts.createUser({ username: 'wang', displayName: '王经理', role: 'manager', password: 'correct horse' }, SYSTEM_ACTOR);
  accounts.createUser({ username: 'li', displayName: '李志愿', role: 'volunteer', pin: '246810' }, SYSTEM_ACTOR);
  return { db, accounts, clock };
}

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('secret hashing', () => {
  it('verifies the right secret only, with a fresh salt each time', () => {
    const a = hashSecret('123456');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(hashSecret('123456'));
    expect(verifySecret('123456', a)).toBe(true);
    expect(verifySecret('123457', a)).toBe(false);
    expect(verifySecret('123456', 'md5$abc')).toBe(false);
  });
});

describe('accounts', () => {
  it('signs in with a password or a PIN and audits it; stores no secret in clear', () => {
    const { db, accounts } = setup();
    const session = accounts.signIn({ username: 'wang', password: 'correct horse' }, 'http-loopback');
    expect(session.user).toMatchObject({ username: 'wang', role: 'manager' });
    expect(accounts.resolveSession(session.token)?.username).toBe('wang');
    expect(accounts.signIn({ username: 'li', pin: '246810' }, 'ipc').user.role).toBe('volunteer');
    const dump = JSON.stringify(db.prepare('SELECT * FROM users').all()) + JSON.stringify(db.prepare('SELECT * FROM sessions').all());
    for (const secret of ['correct horse', '246810', session.token]) expect(dump).not.toContain(secret);
    expect(listAudit(db, { action: 'sign-in', limit: 10 }).map((r) => r.subject)).toEqual(['li', 'wang']);
  });

  it('slows down after three failures and then refuses even the right password until the wait is over', () => {
    const { accounts, clock } = setup();
    for (let i = 0; i < 3; i++) expect(refusal(() => accounts.signIn({ username: 'wang', password: 'wrong' }, 'ipc'))).toBe('Wrong user name or password.');
    expect(refusal(() => accounts.signIn({ username: 'wang', password: 'wrong' }, 'ipc'))).toMatch(/Wait 1 s/);
    expect(refusal(() => accounts.signIn({ username: 'wang', password: 'correct horse' }, 'ipc'))).toMatch(/Too many wrong attempts. Wait/);
    clock.t += 1000;
    expect(accounts.signIn({ username: 'wang', password: 'correct horse' }, 'ipc').user.username).toBe('wang');
  });

  it('locks after ten failures; a locked account stays locked with the right password, hours later, until unlocked', () => {
    const { db, accounts, clock } = setup();
    for (let i = 0; i < 10; i++) {
      refusal(() => accounts.signIn({ username: 'li', pin: '000000' }, 'ipc'));
      clock.t += 120_000;
    }
    expect(accounts.listUsers().find((u) => u.username === 'li')?.locked).toBe(true);
    clock.t += 48 * 3600_000;
    expect(refusal(() => accounts.signIn({ username: 'li', pin: '246810' }, 'ipc'))).toMatch(/locked/);
    expect(refusal(() => accounts.verifyCredential({ username: 'li', pin: '246810' }))).toMatch(/locked/);
    expect(listAudit(db, { action: 'account-locked', limit: 5 })).toHaveLength(1);
    const li = accounts.listUsers().find((u) => u.username === 'li')!;
    accounts.unlock(li.id, { name: 'wang', role: 'manager' });
    expect(accounts.signIn({ username: 'li', pin: '246810' }, 'ipc').user.username).toBe('li');
  });

  it('answers an unknown user exactly like a wrong password', () => {
    const { accounts } = setup();
    expect(refusal(() => accounts.signIn({ username: 'nobody', password: 'whatever1' }, 'ipc'))).toBe('Wrong user name or password.');
  });

  it('ends a manager session after 30 idle minutes and any session after 12 hours', () => {
    const { accounts, clock } = setup();
    const manager = accounts.signIn({ username: 'wang', password: 'correct horse' }, 'ipc');
    const volunteer = accounts.signIn({ username: 'li', pin: '246810' }, 'ipc');
    clock.t += 29 * 60_000;
    expect(accounts.resolveSession(manager.token)).not.toBeNull();
    clock.t += 29 * 60_000;
    expect(accounts.resolveSession(manager.token)).not.toBeNull();
    clock.t += 31 * 60_000;
    expect(accounts.resolveSession(manager.token)).toBeNull();
    expect(accounts.resolveSession(volunteer.token)).not.toBeNull();
    clock.t = Date.parse('2026-03-01T20:00:00Z');
    expect(accounts.resolveSession(volunteer.token)).toBeNull();
    expect(accounts.resolveSession('made-up-token')).toBeNull();
  });

  it('ends sessions when the password changes, and signs out', () => {
    const { accounts } = setup();
    const s = accounts.signIn({ username: 'wang', password: 'correct horse' }, 'ipc');
    const wang = accounts.listUsers().find((u) => u.username === 'wang')!;
    accounts.updateUser(wang.id, { password: 'battery staple' }, SYSTEM_ACTOR);
    expect(accounts.resolveSession(s.token)).toBeNull();
    const again = accounts.signIn({ username: 'wang', password: 'battery staple' }, 'ipc');
    accounts.signOut(again.token, { name: 'wang', role: 'manager' });
    expect(accounts.resolveSession(again.token)).toBeNull();
  });

  it('refuses a manager without a password and a taken user name', () => {
    const { accounts } = setup();
    expect(refusal(() => accounts.createUser({ username: 'zhao', displayName: 'Z', role: 'manager', pin: '1234' }, SYSTEM_ACTOR))).toMatch(/password/);
    expect(refusal(() => accounts.createUser({ username: 'WANG', displayName: 'W', role: 'volunteer', pin: '1234' }, SYSTEM_ACTOR))).toMatch(/taken/);
  });
});
