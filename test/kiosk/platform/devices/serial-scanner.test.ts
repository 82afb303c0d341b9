import { afterEach, describe, expect, it } from 'vitest';
import type { Scan } from '../../../../src/common/contract/devices.ts';
import { createLineDecoder, type LineSuffix } from '../../../../src/kiosk/platform/devices/scanner/line-decoder.ts';
import { createSerialScanner } from '../../../../src/kiosk/platform/devices/scanner/serial-scanner.ts';
import { createPtyPair, openDeviceEnd, waitFor } from '../../../support/pty.ts';

const lines = (suffix: LineSuffix, chunks: string[], maxLength?: number) => {
  const decoder = createLineDecoder({ suffix, ...(maxLength ? { maxLength } : {}) });
  return chunks
    .flatMap((c) => decoder.push(new TextEncoder().encode(c)))
    .map((e) => (e.kind === 'line' ? new TextDecoder().decode(e.bytes) : `rejected: ${e.reason}`));
};

describe('serial scanner line protocol', () => {
  const cases: Array<[string, LineSuffix, string[], string[]]> = [
    ['CR suffix', 'cr', ['CODE1\rCO', 'DE2\r'], ['CODE1', 'CODE2']],
    ['CR LF suffix split across reads', 'crlf', ['CODE1\r', '\nCODE2\r\n'], ['CODE1', 'CODE2']],
    ['a lone CR inside a CR LF line is data', 'crlf', ['A\rB\r\n'], ['A\rB']],
    ['any suffix drops the empty line between CR and LF', 'any', ['ONE\r\nTWO\nTHREE\r'], ['ONE', 'TWO', 'THREE']],
    ['LF suffix keeps CR as data', 'lf', ['X\r\n'], ['X\r']],
  ];
  for (const [name, suffix, chunks, expected] of cases) {
    it(name, () => expect(lines(suffix, chunks)).toEqual(expected));
  }

  it('refuses a line that never ends and resumes after the next suffix', () => {
    expect(lines('cr', ['AAAAAAAAAAAA', 'AAAA\rOK\r'], 8)).toEqual([expect.stringMatching(/no line end within 8 bytes/), 'OK']);
  });
});

describe('USB-CDC scanner over a real PTY', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  });

  it('delivers each line as a scan, with the AIM prefix split off when configured', async () => {
    const pty = await createPtyPair();
    cleanups.push(() => pty.close());
    const scanner = createSerialScanner({ target: { path: pty.kiosk }, suffix: 'crlf', aimPrefix: true, backoff: { initialMs: 50, maxMs: 200 } });
    cleanups.push(() => scanner.close());
    const scans: Scan[] = [];
    scanner.onScan((s) => scans.push(s));
    await waitFor(() => scanner.status().state === 'ready', 'ready');
    const device = await openDeviceEnd(pty.device);
    cleanups.push(() => device.close());
    device.write(new TextEncoder().encode(']Q1https://hc.example.cn/a?x=1\r'));
    device.write(new TextEncoder().encode('\nPLAIN-CODE\r\n'));
    await waitFor(() => scans.length === 2, 'two scans');
    expect(scans[0]).toMatchObject({ text: 'https://hc.example.cn/a?x=1', source: 'serial', aim: ']Q1', symbology: 'QR' });
    expect(scans[1]).toMatchObject({ text: 'PLAIN-CODE', source: 'serial' });
    expect(scanner.status()).toMatchObject({ kind: 'scanner', state: 'ready' });
  });
});
