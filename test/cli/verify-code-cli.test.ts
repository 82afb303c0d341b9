// The real CLI, spawned: verify-code over the DCC vectors, and keys -> sign-code -> verify-code round trips.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadDccVectors, repoRoot } from '../kiosk/platform/health-codes/support/dcc-vectors.ts';

const cli = path.join(repoRoot, 'src/cli/gate-kiosk.ts');
const temp = mkdtempSync(path.join(tmpdir(), 'gate-cli-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function runCli(args: string[], stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const lines = (stdout: string) => stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('gate-kiosk verify-code', () => {
  const vectors = loadDccVectors().filter((v) => v.data.PREFIX && v.data.TESTCTX?.CERTIFICATE && v.data.TESTCTX.VALIDATIONCLOCK);
  const steps = ['EXPECTEDUNPREFIX', 'EXPECTEDB45DECODE', 'EXPECTEDCOMPRESSION', 'EXPECTEDDECODE', 'EXPECTEDVERIFY', 'EXPECTEDEXPIRATIONCHECK'];

  test('answers every DCC vector line in order, green only when signature, period, key usage and content are valid; a garbage line does not stop it', async () => {
    const input = vectors.map((v) => JSON.stringify({ payload: v.data.PREFIX, trust: [v.data.TESTCTX!.CERTIFICATE], at: v.data.TESTCTX!.VALIDATIONCLOCK }));
    input.splice(3, 0, 'this is not json', '{"payload": 5}');
    const { code, stdout, stderr } = await runCli(['verify-code'], `${input.join('\n')}\n`);
    expect(code, stderr).toBe(0);
    const out = lines(stdout);
    expect(out).toHaveLength(input.length);
    expect(out[3]).toMatchObject({ status: 'error', signature: 'not-checked', expired: null, reasons: ['bad-input'] });
    expect(out[4]).toMatchObject({ status: 'error', reasons: ['bad-input'] });
    out.splice(3, 2);
    let checked = 0;
    vectors.forEach((v, i) => {
      const e = v.data.EXPECTEDRESULTS;
      const line = out[i]!;
      expect(Object.keys(line)).toEqual(expect.arrayContaining(['status', 'signature', 'expired', 'reasons']));
      if (e.EXPECTEDVERIFY === true && e.EXPECTEDEXPIRATIONCHECK === true && steps.every((s) => e[s] !== false)) {
        expect(line, v.name).toMatchObject({ signature: 'ok', expired: false });
        // Only what the certificate says may still stop it (issue 12.2).
        for (const reason of line.reasons as string[]) expect(['key-usage', 'content-not-valid', 'malformed'], v.name).toContain(reason);
        expect(line.status === 'green', v.name).toBe((line.reasons as string[]).length === 0);
        checked++;
      }
      if (e.EXPECTEDKEYUSAGE === false) expect(line.reasons, v.name).toContain('key-usage');
      if (steps.some((s) => e[s] === false)) {
        expect(line.status, v.name).not.toBe('green');
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(300);
    const byName = (n: string) => out[vectors.findIndex((v) => v.name === `common/2DCode/raw/${n}.json`)]!;
    expect(byName('CO5')).toMatchObject({ status: 'invalid', signature: 'bad', reasons: ['bad-signature'] });
    expect(byName('CO17')).toMatchObject({ status: 'invalid', signature: 'ok', expired: true, reasons: ['expired'] });
    expect(byName('CO16')).toMatchObject({ status: 'invalid', signature: 'ok', expired: false, reasons: ['not-yet-valid'] });
    expect(byName('CO22')).toMatchObject({ status: 'invalid', signature: 'unknown-key', reasons: ['unknown-signer'] });
    expect(byName('CO6')).toMatchObject({ status: 'invalid', signature: 'ok', reasons: ['key-usage'] });
    expect(byName('CO13')).toMatchObject({ status: 'green', signature: 'ok', vaccination: { doses: expect.any(Number) } });
    expect(out[vectors.findIndex((v) => v.name === 'NL/2DCode/raw/008-NL-test.json')]).toMatchObject({ status: 'invalid', signature: 'ok', reasons: ['content-not-valid'] });
  });

  test('--help explains the line format', async () => {
    const { code, stdout } = await runCli(['verify-code', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/"payload"/);
  });

  test('a bad flag is a usage error, not a crash', async () => {
    const { code, stderr } = await runCli(['verify-code', '--skew', 'soon']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--skew must be a whole number/);
  });
});

describe('gate-kiosk keys, sign-code and verify-code together', () => {
  test('a code signed with a new key verifies green against its public key, and red stays red', async () => {
    const out = path.join(temp, 'keys');
    const made = await runCli(['keys', '--out', out, '--name', 'authority']);
    expect(made.code, made.stderr).toBe(0);
    const trustList = JSON.parse(readFileSync(path.join(out, 'trust-list.json'), 'utf8')) as { version: number; keys: Array<{ kid: string }> };
    expect(trustList).toMatchObject({ version: 1, keys: [{ kid: JSON.parse(made.stdout).kid }] });
    const publicKey = readFileSync(path.join(out, 'authority.pub.pem'), 'utf8');
    const keyFile = path.join(out, 'authority.key.pem');
    const issuedAt = '2024-05-01T10:00:00Z';
    const sign = (colour: string) => runCli(['sign-code', '--key', keyFile, '--colour', colour, '--name', '张三', '--id', '110101199003074512', '--id-key', path.join(out, 'authority.id-key'), '--issued-at', issuedAt]);
    const green = await sign('green');
    const red = await sign('red');
    expect(green.code, green.stderr).toBe(0);
    expect(green.stdout).toMatch(/^GK1:/);
    const input = [
      { payload: green.stdout.trim(), trust: [publicKey], at: '2024-05-01T10:01:00Z' },
      { payload: red.stdout.trim(), trust: [publicKey], at: '2024-05-01T10:01:00Z' },
      { payload: green.stdout.trim(), trust: [publicKey], at: '2024-05-01T11:00:00Z' },
      { payload: green.stdout.trim(), trust: [], at: '2024-05-01T10:01:00Z' },
    ].map((l) => JSON.stringify(l));
    const verified = await runCli(['verify-code'], input.join('\n'));
    expect(lines(verified.stdout)).toMatchObject([
      { status: 'green', signature: 'ok', expired: false, holderName: '张*', idHash: expect.stringMatching(/^[0-9a-f]{32}$/) },
      { status: 'red', signature: 'ok', expired: false },
      { status: 'invalid', signature: 'ok', expired: true, reasons: ['expired'] },
      { status: 'invalid', signature: 'unknown-key', reasons: ['unknown-signer'] },
    ]);
    const again = await runCli(['keys', '--out', out, '--name', 'compound', '--use', 'card']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(out, 'trust-list.json'), 'utf8'))).toMatchObject({ version: 2, keys: [{}, { use: ['card'] }] });
  });

  test.each([
    [['sign-code', '--colour', 'green', '--name', 'x'], /--key, --colour and --name are required/],
    [['sign-code', '--key', '/nonexistent.pem', '--colour', 'purple', '--name', 'x'], /--colour must be one of/],
    [['sign-code', '--key', '/nonexistent.pem', '--colour', 'green', '--name', 'x'], /nonexistent/],
    [['keys'], /--out DIR is required/],
    [['authority', '--port', 'abc'], /--port must be/],
  ])('clear error for %j', async (args, message) => {
    const { code, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  test('authority --help lists its endpoints', async () => {
    const { code, stdout } = await runCli(['authority', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/POST \/admin\/behaviour/);
  });
});

describe('gate-kiosk authority', () => {
  test('serves on 127.0.0.1, mints a code and verifies it, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [cli, 'authority', '--port', '0', '--token', 't0k'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const first = await new Promise<string>((resolve, reject) => {
        let buffer = '';
        child.stdout.on('data', (d) => {
          buffer += d;
          if (buffer.includes('\n')) resolve(buffer.split('\n')[0]!);
        });
        child.on('close', (code) => reject(new Error(`authority exited early with ${code}`)));
      });
      const { url, verifyUrl } = JSON.parse(first) as { url: string; verifyUrl: string };
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const minted = (await (await fetch(`${url}/codes`, { method: 'POST', body: JSON.stringify({ colour: 'red', name: '李四' }) })).json()) as { code: string };
      const answer = await fetch(verifyUrl, { method: 'POST', headers: { authorization: 'Bearer t0k' }, body: JSON.stringify({ code: minted.code, siteCode: '110105' }) });
      expect(await answer.json()).toMatchObject({ result: 'red', maskedName: '李*' });
    } finally {
      const closed = new Promise((resolve) => child.on('close', resolve));
      child.kill('SIGTERM');
      expect(await closed).toBe(0);
    }
  });
});
