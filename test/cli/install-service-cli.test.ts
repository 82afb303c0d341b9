// `gate-kiosk install-service`: the systemd units it writes are checked by systemd itself (`systemd-analyze verify`,
// which also finds an ExecStart that is not executable), read back key by key, and run for real: the host unit's
// ExecStart serves the kiosk and the screen unit's ExecStartPre waits for it. Bad input says what to fix.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, repoRoot } from '../support/kiosk.ts';
import { tempDir } from '../support/temp-dir.ts';

const run = (args: string[], env: NodeJS.ProcessEnv = process.env) => spawnSync(process.execPath, [cli, ...args], { cwd: repoRoot, encoding: 'utf8', env });

/** A unit file as systemd reads it: sections of keys, a key given twice kept in order. */
function parseUnit(text: string): Record<string, Record<string, string[]>> {
  const unit: Record<string, Record<string, string[]>> = {};
  let section = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) {
      section = header[1]!;
      unit[section] ??= {};
      continue;
    }
    const eq = line.indexOf('=');
    expect(eq, `a key=value line in [${section}]: ${line}`).toBeGreaterThan(0);
    (unit[section]![line.slice(0, eq)] ??= []).push(line.slice(eq + 1));
  }
  return unit;
}

describe('gate-kiosk install-service', { timeout: 120_000 }, () => {
  const temp = tempDir('install-service-');
  const units = path.join(temp.dir, 'units');
  const data = path.join(temp.dir, 'data');
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  afterAll(() => temp.remove());

  it('writes the two units and says how to enable them at boot', () => {
    mkdirSync(data);
    const made = run(['install-service', '--unit-dir', units, '--data', data, '--port', String(port)]);
    expect(made.status, made.stderr).toBe(0);
    expect(made.stdout).toMatch(/systemctl --user enable --now gate-kiosk-host.service gate-kiosk-screen.service/);
    expect(made.stdout).toMatch(/loginctl enable-linger/);
  });

  it('passes systemd-analyze verify (units that systemd would refuse, or an ExecStart that is not there, fail it)', () => {
    const analyze = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
    if (analyze.error) {
      // Without systemd's tools the parse below is the whole check.
      console.warn('systemd-analyze is not installed: the units are only parsed');
      return;
    }
    const runtime = path.join(temp.dir, 'runtime');
    mkdirSync(runtime, { mode: 0o700 });
    const files = ['gate-kiosk-host.service', 'gate-kiosk-screen.service'].map((f) => path.join(units, f));
    const verified = spawnSync('systemd-analyze', ['--user', 'verify', ...files], { encoding: 'utf8', env: { ...process.env, XDG_RUNTIME_DIR: runtime } });
    expect(verified.status, verified.stderr).toBe(0);
    expect(verified.stderr.split('\n').filter((l) => l.includes('gate-kiosk'))).toEqual([]);
  });

  it('says what the units promise: restarted when they die, Chromium in kiosk mode, the screen kept awake', () => {
    const host = parseUnit(readFileSync(path.join(units, 'gate-kiosk-host.service'), 'utf8'));
    const screen = parseUnit(readFileSync(path.join(units, 'gate-kiosk-screen.service'), 'utf8'));
    expect(host.Service!.Restart).toEqual(['always']);
    expect(screen.Service!.Restart).toEqual(['always']);
    expect(host.Service!.ExecStart![0]).toBe(`${process.execPath} ${path.join(repoRoot, 'src/cli/gate-kiosk.ts')} serve --port ${port} --data ${data}`);
    expect(host.Install!.WantedBy).toEqual(['default.target']);
    expect(screen.Install!.WantedBy).toEqual(['graphical-session.target']);
    expect(screen.Unit!.After![0]).toMatch(/gate-kiosk-host\.service/);
    const browser = screen.Service!.ExecStart![0]!;
    expect(browser).toMatch(/^\/usr\/bin\/systemd-inhibit --what=idle:sleep .* \/usr\/bin\/chromium --kiosk /);
    expect(browser.endsWith(`http://127.0.0.1:${port}/`)).toBe(true);
    expect(screen.Service!.ExecStartPre).toEqual(expect.arrayContaining(['-/usr/bin/xset s off', '-/usr/bin/xset -dpms']));
  });

  it('runs: the host unit\'s command serves the kiosk, and the screen unit\'s wait-ready sees it answer', async () => {
    const host = parseUnit(readFileSync(path.join(units, 'gate-kiosk-host.service'), 'utf8'));
    const screen = parseUnit(readFileSync(path.join(units, 'gate-kiosk-screen.service'), 'utf8'));
    const [exe, ...args] = host.Service!.ExecStart![0]!.split(' ');
    const child = spawn(exe!, args, { cwd: host.Service!.WorkingDirectory![0], env: process.env, stdio: 'ignore' });
    try {
      const [waitExe, ...waitArgs] = screen.Service!.ExecStartPre![0]!.split(' ');
      const waited = await new Promise<number | null>((resolve) => spawn(waitExe!, waitArgs, { stdio: 'ignore' }).on('close', resolve));
      expect(waited).toBe(0);
      const health = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(health.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    // With nothing answering, wait-ready gives up and says so.
    const none = run(['wait-ready', '--url', `http://127.0.0.1:${port}/api/health`, '--timeout', '1']);
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/did not answer in 1 s/);
  });

  it('refuses what a unit would misread or cannot run, saying what to fix', () => {
    expect(run(['install-service', '--print', '--data', path.join(temp.dir, 'my data')]).stderr).toMatch(/has a space, quote, backslash, %, \$ or ;/);
    expect(run(['install-service', '--print', '--port', '99999']).stderr).toMatch(/--port must be a whole number from 1 to 65535/);
    expect(run(['install-service', '--print', '--browser', '/nonexistent/chromium']).stderr).toMatch(/There is no browser at \/nonexistent\/chromium/);
  });
});
