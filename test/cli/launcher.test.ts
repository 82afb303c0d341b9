// The launcher on the machine's own Node: an older Node hands over to the Node 22 that `npm install` brought, and a
// Node that cannot be helped is told in one line what to install.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/kiosk.ts';
import { tempDir } from '../support/temp-dir.ts';

const launcher = path.join(repoRoot, 'bin/gate-kiosk.mjs');
const machineNode = ['/usr/bin/node', '/usr/local/bin/node'].find(existsSync);
const machineMajor = machineNode ? Number(spawnSync(machineNode, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.split('.')[0]) : 0;

describe('gate-kiosk launcher', () => {
  it('runs the command on this Node', () => {
    const run = spawnSync(process.execPath, [launcher, '--help'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: gate-kiosk <command>');
  });

  it.runIf(machineNode)("hands over from the machine's own Node to the bundled Node 22", () => {
    const run = spawnSync(machineNode!, [launcher, '--help'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: gate-kiosk <command>');
  });

  it.runIf(machineNode && machineMajor < 22)('says in one line what to install when no Node 22 can be found', () => {
    const { dir } = tempDir('gate-launcher-');
    mkdirSync(path.join(dir, 'bin'));
    copyFileSync(launcher, path.join(dir, 'bin/gate-kiosk.mjs'));
    const run = spawnSync(machineNode!, [path.join(dir, 'bin/gate-kiosk.mjs'), '--help'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/needs Node 22\.12 or newer .* run `npm install`/);
  });
});
