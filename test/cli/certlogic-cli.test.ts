// The real CLI, spawned: `certlogic` over JSON lines (one answer per line, a bad line does not stop it),
// `sign-code` with health claims verified by `verify-code`, and the DCC source simulator serving a kiosk's updater.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { repoRoot } from '../kiosk/platform/health-codes/support/dcc-vectors.ts';
import { ruleSet } from '../kiosk/platform/health-codes/support/dcc-material.ts';

const cli = path.join(repoRoot, 'src/cli/gate-kiosk.ts');
const temp = mkdtempSync(path.join(tmpdir(), 'gate-cli-cl-'));
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

describe('gate-kiosk certlogic', () => {
  test('answers each line with {"result"} or {"error"}, in order, dates as ISO-8601', async () => {
    const input = [
      { expression: { plusTime: [{ var: 'sc' }, 72, 'hour'] }, data: { sc: '2021-06-01T08:00:00Z' } },
      { expression: { and: [{ '>=': [{ var: 'v.0.dn' }, 2] }, { in: [{ var: 'v.0.mp' }, ['EU/1/20/1528']] }] }, data: { v: [{ dn: 2, mp: 'EU/1/20/1528' }] } },
      'not json at all',
      { expression: { '<': [{ var: 'missing' }, 1] }, data: {} },
      { data: {} },
      { expression: { extractFromUVCI: [{ var: '' }, 1] }, data: 'URN:UVCI:01:NL:187/37512422923' },
      { expression: { dccDateOfBirth: ['1998-02'] } },
    ].map((l) => (typeof l === 'string' ? l : JSON.stringify(l)));
    const { code, stdout, stderr } = await runCli(['certlogic'], `${input.join('\n')}\n\n`);
    expect(code, stderr).toBe(0);
    expect(lines(stdout)).toEqual([
      { result: '2021-06-04T08:00:00.000Z' },
      { result: true },
      { error: expect.stringMatching(/^not JSON/) },
      { error: expect.stringMatching(/compares integers/) },
      { error: expect.stringMatching(/expected \{"expression"/) },
      { result: 'NL' },
      { result: '1998-02-28T00:00:00.000Z' },
    ]);
  });

  test('--help names the line format', async () => {
    const { code, stdout } = await runCli(['certlogic', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/"expression"/);
  });
});

describe('gate-kiosk sign-code with health claims', () => {
  test('a code carrying a test, doses and a travel flag verifies with them; a bad flag is a usage error', async () => {
    const out = path.join(temp, 'keys');
    expect((await runCli(['keys', '--out', out, '--name', 'authority'])).code).toBe(0);
    const signed = await runCli(['sign-code', '--key', path.join(out, 'authority.key.pem'), '--colour', 'green', '--name', '张三', '--issued-at', '2024-05-01T10:00:00Z', '--test-sampled-at', '2024-04-30T22:00:00Z', '--doses', '3', '--travel-flag', 'yes']);
    expect(signed.code, signed.stderr).toBe(0);
    const publicKey = readFileSync(path.join(out, 'authority.pub.pem'), 'utf8');
    const verified = await runCli(['verify-code'], JSON.stringify({ payload: signed.stdout.trim(), trust: [publicKey], at: '2024-05-01T10:01:00Z' }));
    expect(lines(verified.stdout)).toMatchObject([{ status: 'green', nucleicAcid: { result: 'negative', hoursAgo: 12 }, vaccination: { doses: 3 }, travelFlag: true }]);
    const bad = await runCli(['sign-code', '--key', path.join(out, 'authority.key.pem'), '--colour', 'green', '--name', '张三', '--travel-flag', 'maybe']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--travel-flag must be yes or no/);
  });
});

describe('gate-kiosk dcc-gateway', () => {
  test('serves the rules and a revocation manifest given on the command line, and stops on SIGTERM', async () => {
    const rules = path.join(temp, 'rules.json');
    writeFileSync(rules, JSON.stringify(ruleSet(new Date('2022-05-10T08:00:00Z'), [], { version: 7 })));
    const revoked = path.join(temp, 'revoked.json');
    writeFileSync(revoked, JSON.stringify([{ type: 'UCI', hash: 'ab'.repeat(16) }]));
    const child = spawn(process.execPath, [cli, 'dcc-gateway', '--rules', rules, '--revoked', revoked], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const first = await new Promise<string>((resolve, reject) => {
        child.stdout.once('data', (d: Buffer) => resolve(d.toString()));
        child.once('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      const { url } = JSON.parse(first) as { url: string };
      expect(await (await fetch(`${url}/rules`)).json()).toMatchObject({ version: 7 });
      expect(await (await fetch(`${url}/revocation/manifest`)).json()).toMatchObject({ version: 1, chunks: [{ index: 0, size: 17 }] });
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });

  test('a rules file that is not a rule set is a usage error', async () => {
    const bad = path.join(temp, 'bad.json');
    writeFileSync(bad, '{"version": 1}');
    const { code, stderr } = await runCli(['dcc-gateway', '--rules', bad]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/is not a rule set/);
  });
});
