// Real pseudo-terminal pairs from socat for serial tests, with unplug (kill socat) and replug (start it again).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import type { ByteChannel } from '../../src/kiosk/platform/devices/thermometer/protocol-simulator.ts';

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface PtyPair {
  /** The end the kiosk driver opens. */
  kiosk: string;
  /** The end the simulated device writes into. */
  device: string;
  unplug(): Promise<void>;
  plug(): Promise<void>;
  close(): Promise<void>;
}

export async function createPtyPair(): Promise<PtyPair> {
  const dir = mkdtempSync(join(tmpdir(), 'gate-pty-'));
  const kiosk = join(dir, 'kiosk');
  const device = join(dir, 'device');
  let socat: ChildProcess | null = null;

  async function plug(): Promise<void> {
    const child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${kiosk}`, `pty,raw,echo=0,link=${device}`], { stdio: 'ignore' });
    socat = child;
    await waitFor(() => existsSync(kiosk) && existsSync(device), 'socat PTY links');
  }

  async function unplug(): Promise<void> {
    const child = socat;
    socat = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    await waitFor(() => !existsSync(kiosk) && !existsSync(device), 'socat to remove its links');
  }

  await plug();
  return {
    kiosk,
    device,
    plug,
    unplug,
    async close() {
      await unplug();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Opens the device end as a byte channel for a simulator. */
export async function openDeviceEnd(path: string): Promise<ByteChannel & { close(): Promise<void> }> {
  const port = new SerialPort({ path, baudRate: 115200, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
  port.on('error', () => {});
  return {
    write: (bytes) => void port.write(Buffer.from(bytes)),
    onData: (listener) => void port.on('data', (chunk: Buffer) => listener(chunk)),
    close: () => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())),
  };
}
