// The installer tools as a person runs them: real CLI processes talking over a real socat PTY pair.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { SerialPort } from 'serialport';
import { createPtyPair, waitFor, type PtyPair } from '../support/pty.ts';

const CLI = fileURLToPath(new URL('../../src/cli/gate-kiosk.ts', import.meta.url));

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number>;
}

function cli(args: string[]): Run {
  const child = spawn(process.execPath, [CLI, 'devices', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exit = new Promise<number>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : -1))));
  return { child, stdout: () => stdout, stderr: () => stderr, exit };
}

const children: Run[] = [];
let pty: PtyPair | null = null;
afterEach(async () => {
  for (const run of children.splice(0)) {
    if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGTERM');
    await run.exit;
  }
  await pty?.close();
  pty = null;
});

function started(args: string[]): Run {
  const run = cli(args);
  children.push(run);
  return run;
}

const jsonLines = (text: string) => text.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);

describe('gate-kiosk devices', () => {
  const protocols = [
    { protocol: 'ascii', scenario: 'fever', check: (r: Record<string, unknown>) => expect(r.bodyC).toBeGreaterThanOrEqual(38.2) },
    { protocol: 'aa55', scenario: 'normal', check: (r: Record<string, unknown>) => expect(r.bodyC).toBeCloseTo(36.6, 0) },
    {
      protocol: 'gy90614',
      scenario: 'normal',
      check: (r: Record<string, unknown>) => {
        expect(r).toMatchObject({ objectC: expect.any(Number), ambientC: expect.any(Number) });
        expect(r.estimatedBodyC).toBeCloseTo(36.6, 0);
      },
    },
  ];
  for (const p of protocols) {
    it(`read-temperature prints ${p.protocol} readings written by simulate-thermometer and exits after --count`, async () => {
      pty = await createPtyPair();
      const simulator = started(['simulate-thermometer', '--port', pty.device, '--protocol', p.protocol, '--scenario', p.scenario, '--interval-ms', '50']);
      await waitFor(() => simulator.stderr().includes('Simulating'), 'the simulator to start');
      const reader = started(['read-temperature', '--port', pty.kiosk, '--protocol', p.protocol, '--count', '3', '--timeout-ms', '20000']);
      expect(await reader.exit).toBe(0);
      const lines = jsonLines(reader.stdout()).filter((l) => !('rejected' in l));
      expect(lines).toHaveLength(3);
      for (const line of lines) {
        expect(line.at).toEqual(expect.any(String));
        p.check(line);
      }
    });
  }

  it('read-temperature prints one line per rejected frame with its reason', async () => {
    pty = await createPtyPair();
    const simulator = started(['simulate-thermometer', '--port', pty.device, '--protocol', 'aa55', '--scenario', 'garbage', '--interval-ms', '20']);
    await waitFor(() => simulator.stderr().includes('Simulating'), 'the simulator to start');
    const reader = started(['read-temperature', '--port', pty.kiosk, '--protocol', 'aa55', '--count', '8', '--timeout-ms', '20000']);
    expect(await reader.exit).toBe(0);
    const lines = jsonLines(reader.stdout());
    expect(lines.filter((l) => 'bodyC' in l)).toHaveLength(8);
    expect(lines.some((l) => typeof l.rejected === 'string' && l.rejected.startsWith('bad checksum'))).toBe(true);
    expect(lines.some((l) => typeof l.rejected === 'string' && /stray byte/.test(l.rejected))).toBe(true);
  });

  it('read-temperature exits non-zero with a clear message when the port cannot be opened', async () => {
    const missing = started(['read-temperature', '--port', '/dev/gate-kiosk-missing', '--protocol', 'ascii']);
    expect(await missing.exit).toBe(1);
    expect(missing.stderr()).toMatch(/cannot read \/dev\/gate-kiosk-missing: .*does not exist: is the device plugged in\?/);

    pty = await createPtyPair();
    const holder = new SerialPort({ path: pty.kiosk, baudRate: 115200, autoOpen: false });
    await new Promise<void>((resolve, reject) => holder.open((e) => (e ? reject(e) : resolve())));
    try {
      const locked = started(['read-temperature', '--port', pty.kiosk, '--protocol', 'ascii']);
      expect(await locked.exit).toBe(1);
      expect(locked.stderr()).toMatch(/in use by another program/);
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
  });

  it('rejects bad flags with usage and exit code 2', async () => {
    const bad = started(['read-temperature', '--port', '/tmp/x', '--protocol', 'modbus']);
    expect(await bad.exit).toBe(2);
    expect(bad.stderr()).toMatch(/--protocol must be one of ascii, aa55, gy90614/);
  });

  it('list prints serial ports and HID-POS scanners, or says why it cannot', async () => {
    const list = started(['list']);
    expect(await list.exit).toBe(0);
    expect(list.stdout()).toMatch(/Serial ports:\n[\s\S]*HID-POS scanners:\n/);
  });
});
