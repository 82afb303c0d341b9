// `gate-kiosk registry` and `gate-kiosk enrol` as the district's administrator and a kiosk installer run them: the
// registry serves HTTPS by default with a certificate made at first start and prints its fingerprint and the
// district key's; a kiosk enrols with that fingerprint (http:// is refused); staff accounts and watch lists are made
// from the command line, a bad watch-list file listing each bad row and publishing nothing.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/kiosk/platform/store/open-store.ts';
import { readCredentials } from '../../src/kiosk/features/sync/kiosk-state.ts';
import { cli, repoRoot } from '../support/kiosk.ts';
import { tempDir } from '../support/temp-dir.ts';

const run = (...args: string[]) =>
  promisify(execFile)(process.execPath, [cli, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

describe('gate-kiosk registry and enrol on the command line', { timeout: 120_000 }, () => {
  const data = tempDir('gate-registry-cli-');
  const kioskDir = tempDir('gate-kiosk-cli-');
  let registry: ChildProcess;
  let output = '';
  let url = '';
  let fingerprint = '';
  const admin = () => ['--data', data.dir, '--url', url];

  beforeAll(async () => {
    registry = spawn(process.execPath, [cli, 'registry', '--port', '0', '--data', data.dir, '--district', 'Xuhui'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    registry.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    registry.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`registry did not start:\n${output}`)), 90_000);
      registry.stdout!.on('data', () => {
        const listening = /Registry listening on (https:\/\/\S+)/.exec(output);
        const cert = /Certificate SHA-256: ([0-9A-F:]{95})/.exec(output);
        if (listening && cert && /District signing key: /.test(output)) {
          clearTimeout(timer);
          url = listening[1]!;
          fingerprint = cert[1]!;
          resolve();
        }
      });
      registry.once('exit', (code) => reject(new Error(`registry exited ${code}:\n${output}`)));
    });
  }, 120_000);
  afterAll(async () => {
    registry?.kill('SIGTERM');
    await new Promise((resolve) => registry?.once('exit', resolve));
    data.remove();
    kioskDir.remove();
  });

  it('lists the administrator commands in --help', async () => {
    const help = await run('registry', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/registry publish watch-list FILE\.csv\|FILE\.xlsx/);
    expect(help.stdout).toMatch(/registry staff add USER --role viewer\|officer\|admin/);
    expect(help.stdout).toMatch(/--http serves plain HTTP/);
    expect((await run('--help')).stdout).toMatch(/registry .*HTTPS/);
  });

  it('serves HTTPS with the certificate it made, and prints the fingerprint kiosks enrol with', () => {
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(fingerprint).toBe(new X509Certificate(readFileSync(join(data.dir, 'tls', 'registry.cert.pem'))).fingerprint256);
    expect(output).toMatch(/gate-kiosk enrol --registry https:\/\/127\.0\.0\.1:\d+ --fingerprint [0-9A-F:]{95} --code/);
  });

  it('enrols a kiosk over https with the fingerprint, pinning the district key; http:// is refused', async () => {
    const code = /Enrolment code for c-cli: (\S+)/.exec((await run('registry', 'code', '--compound', 'c-cli', '--name', '梧桐苑', ...admin())).stdout)?.[1];
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const plain = await run('enrol', '--registry', url.replace('https:', 'http:'), '--code', code!, '--data', kioskDir.dir);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(/refusing to enrol over plain http:\/\//);
    const wrongPin = await run('enrol', '--registry', url, '--code', code!, '--fingerprint', 'AB'.repeat(32), '--data', kioskDir.dir);
    expect(wrongPin.code).toBe(1);
    expect(wrongPin.stderr).toMatch(/does not match the configured one/);
    const enrolled = await run('enrol', '--registry', url, '--code', code!, '--fingerprint', fingerprint, '--data', kioskDir.dir);
    expect(enrolled.code, enrolled.stderr).toBe(0);
    const districtKey = /District signing key: ([0-9A-F:]+)/.exec(output)![1]!;
    expect(enrolled.stdout).toContain(`District key pinned: ${districtKey}`);
    const db = openStore(kioskDir.dir);
    try {
      expect(readCredentials(db)).toMatchObject({ compoundId: 'c-cli', certificateSha256: fingerprint, districtKey: expect.any(String), watchKey: expect.stringMatching(/^[0-9a-f]{64}$/) });
    } finally {
      db.close();
    }
  });

  it('makes staff accounts and publishes watch lists; a bad file is listed row by row and publishes nothing', async () => {
    const staff = await run('registry', 'staff', 'add', 'lin', '--role', 'officer', '--name', '林专员', ...admin());
    expect(staff.code, staff.stderr).toBe(0);
    expect(staff.stdout).toMatch(/Account lin \(officer\) created\. Password \(shown once.*\): \S{12,}/);
    expect((await run('registry', 'staff', 'list', ...admin())).stdout).toMatch(/^lin\tofficer\t林专员$/m);

    const bad = join(data.dir, 'bad.csv');
    writeFileSync(bad, '身份证号,类型\n110105199003071239,居家隔离\n110105199003071238,居家隔离\n110101200001011232,蓝码\n');
    const refused = await run('registry', 'publish', 'watch-list', bad, ...admin());
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Nothing was published/);
    expect(refused.stderr).toMatch(/line 3: This 18-digit ID number does not add up/);
    expect(refused.stderr).toMatch(/line 4: kind "蓝码" is not one of/);
    const good = join(data.dir, 'good.csv');
    writeFileSync(good, '身份证号,类型,备注\n110105199003071239,居家隔离,\n110101200001011232,随访,康复\n');
    const published = await run('registry', 'publish', 'watch-list', good, '--by', 'lin', ...admin());
    expect(published.code, published.stderr).toBe(0);
    expect(published.stdout).toMatch(/^Published watch list version 1: 2 rows \(/);
    expect(published.stdout).toContain('1 quarantine');
    expect(published.stdout).toContain('1 follow-up');
  });
});
