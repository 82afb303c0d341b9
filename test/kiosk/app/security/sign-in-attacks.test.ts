// Issue 12, items 7, 8, 9 and 11, over real HTTP and HTTPS: a peer on the network guessing passwords cannot lock the
// admin out, stop the ambulance override at the gate, or stall the gate; the machine's owner has a local way back in;
// the network takes passwords, never PINs; only admins change device settings.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, repoRoot } from '../../../support/kiosk.ts';
import { ADMIN, MANAGER, startSecurityHost, until, VOLUNTEER, type SecurityHost } from '../../../support/security-host.ts';

let h: SecurityHost;
beforeAll(async () => {
  h = await startSecurityHost();
}, 60_000);
afterAll(() => h?.close());

const attacker = '127.0.0.2';

function gateKiosk(args: string[], stdin = ''): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.stdin.end(stdin);
    child.on('exit', (code) => resolve({ code, out }));
  });
}

const signInReply = (who: { username: string; password?: string; pin?: string }, from: string) => h.request('lan', '/api/invoke/accounts.signIn', { body: who, from });

describe('guessing passwords from the network', () => {
  it('slows the guesser down without locking the admin out, or the ambulance override at the gate', async () => {
    // A patient guesser: each wait is sat out (the kiosk's clock is moved on), so every guess is checked.
    let checked = 0;
    for (let i = 0; checked < 15; i++) {
      const reply = await signInReply({ username: ADMIN.username, password: `guess-${i}` }, attacker);
      expect(reply.status).toBe(403);
      const wait = /Wait (\d+) s/.exec(reply.json.error.message);
      if (wait) h.advance(Number(wait[1]) * 1000);
      else {
        expect(reply.json.error.message).toBe('Wrong user name or password.');
        checked += 1;
      }
    }
    // The guesser now waits five minutes between guesses, even with the right password …
    expect((await signInReply(ADMIN, attacker)).json.error.message).toMatch(/Wait 300 s/);
    // … while the admin signs in from the office PC and at the kiosk, and a manager's override works at the gate.
    expect((await signInReply(ADMIN, '127.0.0.3')).status).toBe(200);
    expect((await h.request('loopback', '/api/invoke/accounts.signIn', { body: ADMIN })).status).toBe(200);
    for (let i = 0; i < 30; i++) await signInReply({ username: MANAGER.username, password: `guess-${i}` }, attacker);
    const override = await h.request('loopback', '/api/invoke/gate.override.authorize', { body: { manager: { username: MANAGER.username, secret: MANAGER.pin }, reason: '救护车送医' } });
    expect(override.status).toBe(200);
    // Nothing is locked: the accounts list says the name is being slowed down somewhere.
    const users = (await h.call('loopback', 'accounts.list', {}, { token: await h.signIn('loopback', ADMIN) })).users as Array<{ username: string; locked: boolean }>;
    expect(users.find((u) => u.username === ADMIN.username)!.locked).toBe(true);
  });

  it('gives the machine owner a local, audited way back in: `gate-kiosk accounts unlock` and `reset-password`', async () => {
    expect((await signInReply(ADMIN, attacker)).json.error.message).toMatch(/Wait/);
    const listed = await gateKiosk(['accounts', 'list', '--data', h.dataDir]);
    expect(listed.out).toMatch(new RegExp(`${ADMIN.username}\\s+admin\\s+\\d+ wrong attempts in the last hour`));
    const unlocked = await gateKiosk(['accounts', 'unlock', ADMIN.username, '--data', h.dataDir]);
    expect(unlocked).toMatchObject({ code: 0, out: expect.stringMatching(/every wait .* has ended/) });
    // The running kiosk honours it at once: the office PC that was slowed down signs in again.
    const session = (await signInReply(ADMIN, attacker)).json.value.token as string;
    expect(session).toEqual(expect.any(String));

    const reset = await gateKiosk(['accounts', 'reset-password', ADMIN.username, '--data', h.dataDir], 'owner-chose-this-1\n');
    expect(reset).toMatchObject({ code: 0, out: expect.stringMatching(/new password is set/) });
    expect((await h.request('lan', '/api/invoke/system.info', { body: {}, token: session, from: attacker })).status).toBe(401);
    expect((await signInReply({ username: ADMIN.username, password: 'owner-chose-this-1' }, '127.0.0.3')).status).toBe(200);
    const audit = (await h.call('loopback', 'audit.list', {}, { token: await h.signIn('loopback', { username: ADMIN.username, password: 'owner-chose-this-1' }) })).records as Array<{ action: string; actor: string; detail: { via?: string } }>;
    expect(audit.filter((r) => r.detail.via === 'cli').map((r) => [r.action, r.actor.startsWith('machine-owner:')])).toEqual([['password-reset', true], ['account-unlocked', true]]);
    expect((await gateKiosk(['accounts', 'reset-password', 'nobody', '--data', h.dataDir], 'x\n')).code).toBe(2);
    expect((await gateKiosk(['accounts', 'reset-password', ADMIN.username, '--data', h.dataDir], `${ADMIN.password}\n`)).code).toBe(0);
  });

  it('answers an unknown name exactly like a wrong password, however many times it is tried', async () => {
    // The old kiosk said so only the first times: then "wait" or "locked" for real names, never for made-up ones.
    const answers = async (username: string, from: string) => {
      const said: string[] = [];
      // Six checked guesses, then the seventh comes at once, inside the first wait.
      for (let i = 0; i < 7; i++) {
        const reply = await signInReply({ username, password: `some-password-${i}` }, from);
        said.push(`${reply.status} ${reply.json.error.message.replace(/\d+ s/, 'N s')}`);
      }
      return said;
    };
    const [unknown, real] = await Promise.all([answers('nobody-here', '127.0.0.7'), answers(MANAGER.username, '127.0.0.17')]);
    expect(unknown).toEqual(real);
  });
});

describe('PINs', () => {
  it('never sign anyone in on the network or in the console, and a manager’s PIN is no override there', async () => {
    const withPin = await signInReply({ username: MANAGER.username, pin: MANAGER.pin }, '127.0.0.8');
    expect(withPin.status).toBe(400);
    expect(withPin.json.error.message).toMatch(/password/);
    expect((await signInReply({ username: MANAGER.username, password: MANAGER.pin }, '127.0.0.8')).status).toBe(403);
    expect((await h.request('loopback', '/api/invoke/accounts.signIn', { body: { username: VOLUNTEER.username, pin: VOLUNTEER.pin } })).status).toBe(400);
    const volunteer = await h.signIn('lan', VOLUNTEER, '127.0.0.8');
    const override = await h.request('lan', '/api/invoke/gate.override.authorize', { body: { manager: { username: MANAGER.username, secret: MANAGER.pin }, reason: 'over the network' }, token: volunteer, from: '127.0.0.8' });
    expect(override.json.error.message).toMatch(/not the PIN/);
  });

  it('refuses PINs anyone would guess first', async () => {
    const admin = await h.signIn('loopback', ADMIN);
    for (const pin of ['1234', '0000', '1111', '9876', '1212']) {
      const reply = await h.request('loopback', '/api/invoke/accounts.create', { body: { username: `v${pin}`, displayName: '新志愿', role: 'volunteer', pin }, token: admin });
      expect(reply.status, pin).toBe(400);
      expect(reply.json.error.message).toMatch(/too easy to guess/);
    }
    expect((await h.request('loopback', '/api/invoke/accounts.create', { body: { username: 'v-ok', displayName: '新志愿', role: 'volunteer', pin: '4826' }, token: admin })).status).toBe(200);
  });
});

describe('the gate under a sign-in attack', () => {
  it('answers a gate call while forty bad sign-ins are still being checked', async () => {
    const answered: number[] = [];
    // Forty programs elsewhere (each its own address) post sign-ins with made-up names as fast as they can.
    const attempts = Array.from({ length: 40 }, (_, i) =>
      h.request('loopback', '/api/invoke/accounts.signIn', { body: { username: `unknown-${i}`, password: 'password-guess' }, from: `127.0.1.${i + 1}` }).then((reply) => {
        answered.push(reply.status);
        return reply;
      }),
    );
    // Once the kiosk answers the first of them the rest have reached it too. The old kiosk hashed each on its one
    // thread, so the gate's call then waited behind all of them; now it must not wait for them.
    await until(() => answered.length > 0, 'the first sign-in answered');
    const status = await h.request('loopback', '/api/invoke/gate.status', { body: {} });
    const stillChecking = 40 - answered.length;
    expect(status.status).toBe(200);
    expect(stillChecking).toBeGreaterThanOrEqual(10);
    const replies = await Promise.all(attempts);
    // Each got an answer: a refusal, or "too many at once, try again" beyond the queue's bound.
    for (const reply of replies) expect([403, 409]).toContain(reply.status);
  }, 60_000);
});

describe('device settings', () => {
  it('are changed by an admin only, not by a manager', async () => {
    const good = { thermometer: { mode: 'simulated', scenario: 'normal' }, scanner: { mode: 'wedge' } };
    const manager = await h.signIn('lan', MANAGER, '127.0.0.9');
    expect((await h.request('lan', '/api/invoke/devices.settings.save', { body: { config: good }, token: manager, from: '127.0.0.9' })).status).toBe(403);
    expect((await h.request('lan', '/api/invoke/devices.settings.testRead', { body: { thermometer: good.thermometer }, token: manager, from: '127.0.0.9' })).status).toBe(403);
    const admin = await h.signIn('lan', ADMIN, '127.0.0.9');
    expect((await h.request('lan', '/api/invoke/devices.settings.save', { body: { config: good }, token: admin, from: '127.0.0.9' })).status).toBe(200);
  });
});
