// `gate-kiosk keys` never shortens a trust list's expiry without saying so: left alone it keeps the later expiry, an
// explicit shorter --valid-days is refused (nothing written) unless --shorten-expiry, and then it says what it did.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cli, repoRoot } from '../support/kiosk.ts';
import { tempDir } from '../support/temp-dir.ts';

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const temp = tempDir('gate-keys-cli-');
afterAll(() => temp.remove());
const out = path.join(temp.dir, 'trust');
const list = () => JSON.parse(readFileSync(path.join(out, 'trust-list.json'), 'utf8')) as { version: number; expiresAt: string; keys: unknown[] };
const daysAhead = (iso: string) => Math.round((Date.parse(iso) - Date.now()) / 86_400_000);

describe('gate-kiosk keys and the trust list expiry', { timeout: 60_000 }, () => {
  test('a new list expires after --valid-days', async () => {
    const run = await runCli(['keys', '--out', out, '--name', 'first', '--use', 'card', '--valid-days', '400']);
    expect(run.code, run.stderr).toBe(0);
    expect(daysAhead(list().expiresAt)).toBe(400);
  });

  test('without --valid-days an existing later expiry is kept, and it says so', async () => {
    const before = list();
    const run = await runCli(['keys', '--out', out, '--name', 'second']);
    expect(run.code, run.stderr).toBe(0);
    expect(list().expiresAt).toBe(before.expiresAt);
    expect(list().keys).toHaveLength(2);
    expect(run.stderr).toMatch(/kept the trust list's expiry/);
  });

  test('a shorter --valid-days is refused and nothing is written', async () => {
    const before = list();
    const run = await runCli(['keys', '--out', out, '--name', 'third', '--valid-days', '30']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/would cut the trust list's expiry from .* to .*--shorten-expiry/s);
    expect(list()).toEqual(before);
    expect(existsSync(path.join(out, 'third.key.pem'))).toBe(false);
  });

  test('--shorten-expiry cuts it on purpose and says so', async () => {
    const run = await runCli(['keys', '--out', out, '--name', 'third', '--valid-days', '30', '--shorten-expiry']);
    expect(run.code, run.stderr).toBe(0);
    expect(daysAhead(list().expiresAt)).toBe(30);
    expect(run.stderr).toMatch(/shortened the trust list's expiry/);
  });
});
