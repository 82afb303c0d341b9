// Issue 13.10: a second `npm start` (here `gate-kiosk start --browser`) on the port of a running kiosk fails on the busy
// port before it opens anything: the serial thermometer (a real PTY from socat) stays with the kiosk that is running,
// and no database is opened. The old order opened both, logged the thermometer's state, then failed on the port.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, repoRoot } from '../../../support/kiosk.ts';
import { waitFor } from '../../../support/pty.ts';
import { tempDir } from '../../../support/temp-dir.ts';

describe('a second start on a busy port', () => {
  const data = tempDir('gate-second-start-');
  const dir = mkdtempSync(path.join(tmpdir(), 'gate-second-pty-'));
  const link = path.join(dir, 'thermometer');
  let busy: net.Server;
  let port = 0;
  let socat: ReturnType<typeof spawn>;

  beforeAll(async () => {
    // The running kiosk, as far as the port goes.
    busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    port = (busy.address() as net.AddressInfo).port;
    socat = spawn('socat', [`pty,raw,echo=0,link=${link}`, `pty,raw,echo=0,link=${path.join(dir, 'device')}`], { stdio: 'ignore' });
    await waitFor(() => existsSync(link), 'the PTY link');
    writeFileSync(path.join(data.dir, 'config.json'), JSON.stringify({ devices: { thermometer: { mode: 'serial', path: link, protocol: 'aa55' }, scanner: { mode: 'wedge' } } }));
  });
  afterAll(async () => {
    socat?.kill();
    await new Promise<void>((resolve) => busy.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
    data.remove();
  });

  it('says the port is taken and exits without opening the serial port', async () => {
    const child = spawn(process.execPath, [cli, 'start', '--browser', '--port', String(port), '--data', data.dir], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).not.toBe(0);
    expect(output).toMatch(new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use`));
    // Nothing was opened: the thermometer driver never reported a state, and the fresh data folder has no database.
    expect(output).not.toMatch(/Thermometer/);
    expect(existsSync(path.join(data.dir, 'gate-kiosk.sqlite'))).toBe(false);
  }, 60_000);
});
