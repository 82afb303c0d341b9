// Sign-in, the slow-down by source and sessions against a real SQLite file, with the clock injected.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAccounts, type Accounts, type AttemptSource } from '../../../../src/kiosk/features/accounts/accounts.ts';
import { hashSecret, verifySecret } from '../../../../src/kiosk/features/accounts/secret-hash.ts';
import { listAudit, SYSTEM_ACTOR } from '../../../../src/kiosk/platform/audit/audit-log.ts';
import { openStore, type Db } from '../../../../src/kiosk/platform/store/open-store.ts';
import { tempDir } from '../../../support/temp-dir.ts';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

const kiosk: AttemptSource = { source: 'kiosk-screen', local: true, via: 'ipc' };
const peer = (address: string): AttemptSource => ({ source: address, local: false, via: 'http-lan' });

async function setup(): Promise<{ db: Db; accounts: Accounts; clock: { t: number }; dir: string }> {
  const t = tempDir();
  const db = openStore(t.dir);
  cleanups.push(() => db.close(), t.remove);
  const clock = { t: Date.parse('2026-03-01T08:00:00Z') };
  const accounts = createAccounts({ db, now: () => new Date(clock.t), throttle: { holdMs: 0 } });
  await accounts.createUser({ username: 'wang', displayName: '王经理', role: 'manager', password: 'correct horse', pin: '8052' }, SYSTEM_ACTOR);
  await accounts.createUser({ username: 'li', displayName: '李志愿', role: 'volunteer', pin: '246810' }, SYSTEM_ACTOR);
  return { db, accounts, clock, dir: t.dir };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: Error) => error.message,
  );
}

describe('secret hashing', () => {
  it('verifies the right secret only, with a fresh salt each time', async () => {
    const a = await hashSecret('123456');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(await hashSecret('123456'));
    expect(await verifySecret('123456', a)).toBe(true);
    expect(await verifySecret('123457', a)).toBe(false);
    expect(await verifySecret('123456', 'md5$abc')).toBe(false);
    // A damaged record must not make scrypt allocate gigabytes.
    expect(await verifySecret('123456', a.replace('$32768$', '$1073741824$'))).toBe(false);
  });
});

describe('accounts', () => {
  it('signs in with a password and audits it; stores no secret in clear', async () => {
    const { db, accounts } = await setup();
    const session = await accounts.signIn({ username: 'wang', password: 'correct horse' }, kiosk);
    expect(session.user).toMatchObject({ username: 'wang', role: 'manager' });
    expect(accounts.resolveSession(session.token)?.username).toBe('wang');
    const dump = JSON.stringify(db.prepare('SELECT * FROM users').all()) + JSON.stringify(db.prepare('SELECT * FROM sessions').all());
    // (A 4-digit PIN could turn up by chance inside a base64 hash: the PIN columns are checked to hold hashes instead.)
    for (const secret of ['correct horse', '246810', session.token]) expect(dump).not.toContain(secret);
    for (const row of db.prepare<[], { pin_hash: string }>('SELECT pin_hash FROM users').all()) expect(row.pin_hash).toMatch(/^scrypt\$/);
    expect(listAudit(db, { action: 'sign-in', limit: 10 }).map((r) => r.subject)).toEqual(['wang']);
  });

  it('never opens a session with a PIN: the console and the network take the password', async () => {
    const { accounts } = await setup();
    expect(await refusal(accounts.signIn({ username: 'wang', pin: '8052' }, peer('192.168.1.50')))).toMatch(/password/);
    expect(await refusal(accounts.signIn({ username: 'li', pin: '246810' }, kiosk))).toMatch(/PIN only signs a volunteer on at the gate/);
    // At the gate a manager's PIN still authorises an override, but never over the network.
    expect((await accounts.verifySecret('wang', '8052', kiosk)).username).toBe('wang');
    expect(await refusal(accounts.verifySecret('wang', '8052', peer('192.168.1.50')))).toMatch(/not the PIN/);
    expect((await accounts.verifySecret('wang', '8052', { source: 'loopback', local: true, via: 'http-lan' })).username).toBe('wang');
  });

  it('answers an unknown user, a wrong password and a switched-off account in the same words', async () => {
    const { accounts } = await setup();
    const li = accounts.findByName('li')!;
    await accounts.updateUser(li.id, { password: 'volunteer-pass' }, SYSTEM_ACTOR);
    await accounts.updateUser(li.id, { disabled: true }, SYSTEM_ACTOR);
    const answers = await Promise.all([
      refusal(accounts.signIn({ username: 'nobody', password: 'whatever1' }, kiosk)),
      refusal(accounts.signIn({ username: 'wang', password: 'whatever1' }, kiosk)),
      refusal(accounts.signIn({ username: 'li', password: 'volunteer-pass' }, kiosk)),
    ]);
    expect(new Set(answers)).toEqual(new Set(['Wrong user name or password.']));
  });

  it('slows down the source of wrong attempts, never the right password from elsewhere, and never locks', async () => {
    const { accounts, clock } = await setup();
    const attacker = peer('192.168.1.66');
    for (let i = 0; i < 5; i++) expect(await refusal(accounts.signIn({ username: 'wang', password: `guess-${i}` }, attacker))).toBe('Wrong user name or password.');
    await refusal(accounts.signIn({ username: 'wang', password: 'guess-5' }, attacker));
    // The attacker now waits, even with the right password …
    expect(await refusal(accounts.signIn({ username: 'wang', password: 'correct horse' }, attacker))).toMatch(/Too many wrong attempts from here. Wait 1 s/);
    // … while the manager at the kiosk (and at another office PC) signs in at once.
    expect((await accounts.signIn({ username: 'wang', password: 'correct horse' }, kiosk)).user.username).toBe('wang');
    expect((await accounts.signIn({ username: 'wang', password: 'correct horse' }, peer('192.168.1.20'))).user.username).toBe('wang');
    // Many attempts later nothing is locked: the waits cap at five minutes, and then the right password works.
    for (let i = 0; i < 12; i++) {
      clock.t += 5 * 60_000;
      await refusal(accounts.signIn({ username: 'wang', password: `guess-again-${i}` }, attacker));
    }
    expect(await refusal(accounts.signIn({ username: 'wang', password: 'correct horse' }, attacker))).toMatch(/Wait 300 s/);
    clock.t += 5 * 60_000;
    expect((await accounts.signIn({ username: 'wang', password: 'correct horse' }, attacker)).user.username).toBe('wang');
  });

  it('slows a source that tries many user names, and gives unknown names the same waits as real ones', async () => {
    const { accounts } = await setup();
    const sprayer = peer('192.168.1.77');
    for (let i = 0; i < 21; i++) await refusal(accounts.signIn({ username: `user${i}`, password: 'password1' }, sprayer));
    expect(await refusal(accounts.signIn({ username: 'wang', password: 'correct horse' }, sprayer))).toMatch(/Wait/);
    const other = peer('192.168.1.78');
    for (let i = 0; i < 6; i++) {
      await refusal(accounts.signIn({ username: 'nobody', password: 'password1' }, other));
      await refusal(accounts.signIn({ username: 'wang', password: 'password1' }, peer('192.168.1.79')));
    }
    expect(await refusal(accounts.signIn({ username: 'nobody', password: 'password1' }, other))).toBe(await refusal(accounts.signIn({ username: 'wang', password: 'password1' }, peer('192.168.1.79'))));
  });

  it('ends a wait when the account is unlocked, here or by another process through the audit log', async () => {
    const { db, accounts, clock } = await setup();
    const attacker = peer('192.168.1.66');
    for (let i = 0; i < 8; i++) await refusal(accounts.signIn({ username: 'wang', password: `guess-${i}` }, attacker));
    expect(accounts.findByName('wang')!.locked).toBe(true);
    accounts.unlock(accounts.findByName('wang')!.id, { name: 'boss', role: 'admin' });
    expect(accounts.findByName('wang')!.locked).toBe(false);
    expect((await accounts.signIn({ username: 'wang', password: 'correct horse' }, attacker)).user.username).toBe('wang');
    for (let i = 0; i < 8; i++) await refusal(accounts.signIn({ username: 'wang', password: `guess-${i}` }, attacker));
    clock.t += 1000;
    // `gate-kiosk accounts unlock` runs in another process: it only writes the audited unlock.
    createAccounts({ db, now: () => new Date(clock.t), throttle: { holdMs: 0 } }).unlock(accounts.findByName('wang')!.id, { name: 'machine-owner:root', role: null }, 'cli');
    expect((await accounts.signIn({ username: 'wang', password: 'correct horse' }, attacker)).user.username).toBe('wang');
    expect(listAudit(db, { action: 'account-unlocked', limit: 5 }).map((r) => r.detail.via)).toEqual(['cli', 'console']);
  });

  it('holds a refusal that costs no hashing before answering it, so a guesser that fires again at once fires slowly', async () => {
    const { db, clock } = await setup();
    const held = createAccounts({ db, now: () => new Date(clock.t), throttle: { holdMs: 1500 } });
    const attacker = peer('192.168.1.90');
    for (let i = 0; i < 6; i++) await refusal(held.signIn({ username: 'wang', password: `guess-${i}` }, attacker));
    vi.useFakeTimers();
    try {
      let answer: string | null = null;
      void refusal(held.signIn({ username: 'wang', password: 'guess-again' }, attacker)).then((message) => (answer = message));
      await vi.advanceTimersByTimeAsync(999);
      expect(answer).toBeNull();
      await vi.advanceTimersByTimeAsync(1);
      expect(answer).toMatch(/Wait 1 s/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses PINs that are easy to guess, and managers without a password', async () => {
    const { accounts } = await setup();
    for (const pin of ['1234', '0000', '1111', '4321', '1212', '123456', '2580']) {
      expect(await refusal(accounts.createUser({ username: `v${pin}`, displayName: 'V', role: 'volunteer', pin }, SYSTEM_ACTOR))).toMatch(/too easy to guess/);
    }
    const li = accounts.findByName('li')!;
    expect(await refusal(accounts.updateUser(li.id, { pin: '9999' }, SYSTEM_ACTOR))).toMatch(/too easy to guess/);
    expect((await accounts.createUser({ username: 'zhou', displayName: '周', role: 'volunteer', pin: '3071' }, SYSTEM_ACTOR)).hasPin).toBe(true);
    expect(await refusal(accounts.createUser({ username: 'zhao', displayName: 'Z', role: 'manager', pin: '3071' }, SYSTEM_ACTOR))).toMatch(/password/);
    expect(await refusal(accounts.createUser({ username: 'WANG', displayName: 'W', role: 'volunteer', pin: '3071' }, SYSTEM_ACTOR))).toMatch(/taken/);
  });

  it('ends a manager session after 30 idle minutes and any session after 12 hours; peeking is not activity', async () => {
    const { accounts, clock } = await setup();
    const manager = await accounts.signIn({ username: 'wang', password: 'correct horse' }, kiosk);
    clock.t += 29 * 60_000;
    expect(accounts.resolveSession(manager.token)).not.toBeNull();
    clock.t += 29 * 60_000;
    expect(accounts.peekSession(manager.token)).not.toBeNull();
    clock.t += 2 * 60_000;
    expect(accounts.peekSession(manager.token)).toBeNull();
    expect(accounts.resolveSession(manager.token)).toBeNull();
    const li = accounts.findByName('li')!;
    await accounts.updateUser(li.id, { password: 'volunteer-pass' }, SYSTEM_ACTOR);
    const volunteer = await accounts.signIn({ username: 'li', password: 'volunteer-pass' }, kiosk);
    clock.t += 11 * 3600_000;
    expect(accounts.resolveSession(volunteer.token)).not.toBeNull();
    clock.t += 3600_000;
    expect(accounts.resolveSession(volunteer.token)).toBeNull();
    expect(accounts.resolveSession('made-up-token')).toBeNull();
  });

  it('ends sessions when the password changes or is reset, and signs out, telling whoever listens', async () => {
    const { accounts } = await setup();
    let told = 0;
    accounts.onSessionsChanged(() => (told += 1));
    const s = await accounts.signIn({ username: 'wang', password: 'correct horse' }, kiosk);
    const wang = accounts.findByName('wang')!;
    await accounts.updateUser(wang.id, { password: 'battery staple' }, SYSTEM_ACTOR);
    expect(accounts.resolveSession(s.token)).toBeNull();
    const again = await accounts.signIn({ username: 'wang', password: 'battery staple' }, kiosk);
    await accounts.resetPassword('wang', 'owner-chosen-1', { name: 'machine-owner:root', role: null }, 'cli');
    expect(accounts.resolveSession(again.token)).toBeNull();
    const third = await accounts.signIn({ username: 'wang', password: 'owner-chosen-1' }, kiosk);
    accounts.signOut(third.token, { name: 'wang', role: 'manager' });
    expect(accounts.resolveSession(third.token)).toBeNull();
    expect(told).toBe(3);
  });
});
