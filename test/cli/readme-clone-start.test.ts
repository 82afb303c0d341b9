// What the README's first screen promises, as a newcomer does it: clone the repository, run its two commands on the
// machine's own Node (Debian's Node 20 here) and find the kiosk answering on 127.0.0.1. The commands are read from the
// README itself; `npm install` runs as `npm ci --prefer-offline` against the local npm cache (same lock, no network
// wait); nothing from this test run's Node 22 or npm leaks into the environment.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/kiosk.ts';
import { tempDir } from '../support/temp-dir.ts';

const machineNode = ['/usr/bin/node', '/usr/local/bin/node'].find(existsSync);
const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** The environment of a fresh shell: the system's PATH, none of npm's or Node's settings from the running test. */
function freshShellEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|NODE_|INIT_CWD|VITEST|TEST$)/i.test(k)));
  return { ...env, PATH: SYSTEM_PATH };
}

/** The README's "See it working" commands, comments dropped. */
export function readmeCommands(readme: string): string[] {
  const section = readme.slice(readme.indexOf('## See it working'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block.split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer().once('error', () => resolve(false)).listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

describe.runIf(machineNode)('clone, then the README\'s two commands on the machine\'s Node', { timeout: 600_000 }, () => {
  const temp = tempDir('readme-clone-');
  const clone = path.join(temp.dir, 'gate-kiosk');
  const env = freshShellEnv();
  let child: ReturnType<typeof spawn> | null = null;
  afterAll(async () => {
    if (child?.pid && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      try {
        process.kill(-child.pid, 'SIGTERM');
        await exited;
      } catch {
        // already gone
      }
    }
    // A whole node_modules: removing it takes a while on this disk.
    temp.remove();
  }, 300_000);

  it('the first screen of the README names exactly two commands', () => {
    expect(readmeCommands(readFileSync(path.join(repoRoot, 'README.md'), 'utf8'))).toEqual(['npm install', 'npm start']);
  });

  it('installs in a fresh clone with the machine\'s Node, then npm start serves the kiosk on 127.0.0.1', async () => {
    expect(spawnSync('node', ['--version'], { env, encoding: 'utf8' }).stdout.trim()).toMatch(/^v(1\d|20|21)\./);
    execFileSync('git', ['clone', '--quiet', repoRoot, clone], { env });
    const [install, start] = readmeCommands(readFileSync(path.join(clone, 'README.md'), 'utf8'));
    expect(install).toBe('npm install');
    const installed = spawnSync('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: clone, env, encoding: 'utf8', timeout: 420_000 });
    expect(installed.status, installed.stderr).toBe(0);

    // The README's port, unless someone else on this shared machine holds it.
    const args = start!.split(' ').slice(1);
    if (!(await portIsFree(8420))) args.push('--', '--port', '0');
    child = spawn('npm', args, { cwd: clone, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start did not say the kiosk is ready in 3 minutes:\n${output}`)), 180_000);
      child!.stdout!.on('data', () => {
        const ready = /Kiosk ready at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
        if (ready) {
          clearTimeout(timer);
          resolve(ready[1]!);
        }
      });
      child!.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
    });
    expect(output).not.toMatch(/ERR_UNKNOWN_FILE_EXTENSION/);
    const health = await fetch(`${url}api/health`);
    expect(health.status).toBe(200);
    const page = await (await fetch(url)).text();
    expect(page).toMatch(/<div id="root">/);
    // The first start offers the sample data (setup is still to do), as the README's next line says.
    const status = await fetch(`${url}api/invoke/setup.status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(await status.json()).toMatchObject({ ok: true, value: { needsSetup: true } });
  });
});
