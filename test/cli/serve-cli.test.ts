// `gate-kiosk serve` as a person runs it: clear messages and a non-zero exit when it cannot start.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, repoRoot } from '../support/kiosk.ts';
import { tempDir } from '../support/temp-dir.ts';

function serve(...args: string[]) {
  return spawnSync(process.execPath, [cli, 'serve', ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 30_000 });
}

describe('gate-kiosk serve', () => {
  it('exits non-zero with a clear message when the port is in use', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    const data = tempDir();
    try {
      const result = serve('--port', String(port), '--data', data.dir);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`Port ${port} on 127.0.0.1 is already in use.*--port`));
    } finally {
      blocker.close();
      data.remove();
    }
  });

  it('refuses to start with a mistyped time zone, naming the key and the fix (before: ready, then 500 on every record)', () => {
    const data = tempDir();
    try {
      writeFileSync(path.join(data.dir, 'config.json'), JSON.stringify({ timeZone: 'Asia/Shangai' }));
      const result = serve('--port', '0', '--data', data.dir);
      expect(result.status).toBe(1);
      expect(result.stdout).not.toContain('Kiosk ready');
      expect(result.stderr).toMatch(/timeZone: "Asia\/Shangai" is not a time zone.*did you mean Asia\/Shanghai/);
    } finally {
      data.remove();
    }
  });

  it('exits non-zero with a clear message when the data folder cannot be written', () => {
    const data = tempDir();
    const file = path.join(data.dir, 'a-file');
    writeFileSync(file, '');
    try {
      const result = serve('--port', '0', '--data', path.join(file, 'data'));
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/cannot be written.*--data/);
    } finally {
      data.remove();
    }
  });

  it('explains a bad flag', () => {
    const result = serve('--port', 'eighty');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/--port must be a whole number/);
  });

  it('lists the subcommands in --help', () => {
    const result = spawnSync(process.execPath, [cli, '--help'], { cwd: repoRoot, encoding: 'utf8' });
    expect(result.status).toBe(0);
    for (const name of ['start', 'serve', 'verify-code', 'devices', 'registry']) expect(result.stdout).toContain(name);
  });
});
