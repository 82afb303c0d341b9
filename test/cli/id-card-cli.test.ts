// The ID card installer tools as a person runs them: real CLI processes over a real socat PTY pair. No line they print
// holds a full ID number.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_CARDS } from '../../src/kiosk/platform/devices/id-card/sample-cards.ts';
import { createPtyPair, waitFor, type PtyPair } from '../support/pty.ts';

const CLI = fileURLToPath(new URL('../../src/cli/gate-kiosk.ts', import.meta.url));

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number>;
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
  const child = spawn(process.execPath, [CLI, 'devices', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exit = new Promise<number>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : -1))));
  const run = { child, stdout: () => stdout, stderr: () => stderr, exit };
  children.push(run);
  return run;
}

const jsonLines = (text: string) => text.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
const fullNumbers = Object.values(SAMPLE_CARDS).map((c) => c.idNumber);

describe('gate-kiosk devices read-id-card / simulate-id-reader', () => {
  it('prints one JSON line per card with the masked ID only, and exits after --count', async () => {
    pty = await createPtyPair();
    const simulator = started(['simulate-id-reader', '--port', pty.device, '--scenario', 'cards']);
    await waitFor(() => simulator.stderr().includes('Simulating'), 'the simulator to start');
    const reader = started(['read-id-card', '--port', pty.kiosk, '--count', '2', '--timeout-ms', '30000']);
    expect(await reader.exit).toBe(0);
    const cards = jsonLines(reader.stdout()).filter((l) => !('rejected' in l));
    // The simulator's cards take turns from its start, so the reader may meet either one first.
    expect(cards).toHaveLength(2);
    expect(cards).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: '王小明', sex: 'male', birthDate: '1985-03-12', validUntil: '2035-06-01', expired: false, maskedId: expect.stringMatching(/^3101\*{10}/) }),
      expect.objectContaining({ name: '李秀英', sex: 'female', validUntil: 'long-term', expired: false }),
    ]));
    for (const card of cards) expect(Object.keys(card)).not.toContain('idHash');
    for (const number of fullNumbers) {
      expect(reader.stdout()).not.toContain(number);
      expect(reader.stderr()).not.toContain(number);
    }
  });

  it('says an expired card is expired', async () => {
    pty = await createPtyPair();
    const simulator = started(['simulate-id-reader', '--port', pty.device, '--scenario', 'expired']);
    await waitFor(() => simulator.stderr().includes('Simulating'), 'the simulator to start');
    const reader = started(['read-id-card', '--port', pty.kiosk, '--count', '1', '--timeout-ms', '30000']);
    expect(await reader.exit).toBe(0);
    expect(jsonLines(reader.stdout()).find((l) => 'name' in l)).toMatchObject({ name: '赵建国', validUntil: '2024-01-10', expired: true });
  });

  it('prints a line per rejected frame with its reason, and no card data in it', async () => {
    pty = await createPtyPair();
    const simulator = started(['simulate-id-reader', '--port', pty.device, '--scenario', 'bad-check']);
    await waitFor(() => simulator.stderr().includes('Simulating'), 'the simulator to start');
    const reader = started(['read-id-card', '--port', pty.kiosk, '--count', '2', '--timeout-ms', '30000']);
    expect(await reader.exit).toBe(0);
    const rejected = jsonLines(reader.stdout()).filter((l) => 'rejected' in l);
    expect(rejected.some((l) => String(l.rejected).startsWith('bad check byte'))).toBe(true);
    for (const line of rejected) expect(String(line.bytes).split(' ').length).toBeLessThanOrEqual(10);
    for (const number of fullNumbers) expect(reader.stdout() + reader.stderr()).not.toContain(number);
  });

  it('list finds a reader on a probed port and says a silent port is not one', async () => {
    pty = await createPtyPair();
    const simulator = started(['simulate-id-reader', '--port', pty.device, '--scenario', 'manual']);
    await waitFor(() => simulator.stderr().includes('Simulating'), 'the simulator to start');
    const list = started(['list', '--probe-port', pty.kiosk, '--probe-port', '/dev/gate-kiosk-missing']);
    expect(await list.exit).toBe(0);
    expect(list.stdout()).toContain('ID card readers (SAM module):');
    expect(list.stdout()).toContain(`${pty.kiosk}: ID card reader, SAM success (00 00 90)`);
    expect(list.stdout()).toMatch(/\/dev\/gate-kiosk-missing: not a reader \(.*does not exist/);
  });

  it('refuses an unknown scenario and a missing port with usage', async () => {
    const bad = started(['simulate-id-reader', '--port', '/tmp/x', '--scenario', 'party']);
    expect(await bad.exit).toBe(2);
    expect(bad.stderr()).toMatch(/--scenario must be one of cards, noise/);
    const missing = started(['read-id-card', '--port', '/dev/gate-kiosk-missing']);
    expect(await missing.exit).toBe(1);
    expect(missing.stderr()).toMatch(/does not exist: is the device plugged in\?/);
  });
});
