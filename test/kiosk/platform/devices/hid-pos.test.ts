import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import type { Scan } from '../../../../src/common/contract/devices.ts';
import {
  buildHidPosReports,
  createHidPosAssembler,
  parseHidPosReport,
  type HidPosEvent,
} from '../../../../src/kiosk/platform/devices/scanner/hid-pos-report.ts';
import { createHidPosScanner, type HidBackend, type HidDeviceInfo, type HidHandle } from '../../../../src/kiosk/platform/devices/scanner/hid-pos-scanner.ts';
import { waitFor } from '../../../support/pty.ts';

const HEALTH_URL = 'https://hc.example.cn/q?c=' + 'A1b2C3d4'.repeat(20);

function assemble(reports: Uint8Array[]): HidPosEvent[] {
  const assembler = createHidPosAssembler();
  return reports.flatMap((r) => assembler.push(r));
}

describe('HID-POS report parsing', () => {
  const cases: Array<{ name: string; reports: Uint8Array[]; expected: Partial<{ text: string; aim: string; symbology: string }> }> = [
    { name: 'one report with AIM ]Q1', reports: buildHidPosReports('HELLO-123'), expected: { text: 'HELLO-123', aim: ']Q1', symbology: 'QR' } },
    { name: 'a long code over several reports', reports: buildHidPosReports(HEALTH_URL), expected: { text: HEALTH_URL, aim: ']Q1' } },
    { name: 'a vendor that shifts the AIM id by one byte', reports: buildHidPosReports(HEALTH_URL, { shiftAim: true }), expected: { text: HEALTH_URL, aim: ']Q1' } },
    { name: 'GS1 QR keeps its 0x1D separators', reports: buildHidPosReports('0104012345678901\u001d10ABC', { aim: ']Q3' }), expected: { text: '0104012345678901\u001d10ABC', symbology: 'GS1 QR' } },
    { name: 'Honeywell symbology byte without AIM', reports: buildHidPosReports('X123456', { aim: null, honeywellSymbology: 0x73 }), expected: { text: 'X123456', symbology: 'QR' } },
    { name: 'Honeywell byte beside a multi-report code', reports: buildHidPosReports(HEALTH_URL, { honeywellSymbology: 0x73 }), expected: { text: HEALTH_URL, symbology: 'QR' } },
    { name: 'UTF-8 Chinese text', reports: buildHidPosReports('健康码绿码'), expected: { text: '健康码绿码' } },
    { name: 'GB18030 text from an older generator', reports: buildHidPosReports(Uint8Array.of(0xc2, 0xcc, 0xc2, 0xeb)), expected: { text: '绿码' } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const events = assemble(c.reports);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ kind: 'code', code: c.expected });
    });
  }

  it('splits a 300-byte code into 56-byte reports with the continuation bit on all but the last', () => {
    const reports = buildHidPosReports('Z'.repeat(300));
    expect(reports.map((r) => r.length)).toEqual([64, 64, 64, 64, 64, 64]);
    expect(reports.map((r) => r[63])).toEqual([1, 1, 1, 1, 1, 0]);
    expect(reports.map((r) => r[1])).toEqual([56, 56, 56, 56, 56, 20]);
  });

  const bad: Array<[string, Uint8Array, RegExp]> = [
    ['a report with another report id', Uint8Array.of(0x01, ...new Array(63).fill(0)), /report id 0x1/],
    ['a short report', Uint8Array.of(0x02, 1, 0x41), /too short/],
    ['a length above 56', Uint8Array.of(0x02, 60, ...new Array(62).fill(0x41)), /exceeds 56/],
  ];
  for (const [name, report, reason] of bad) {
    it(`refuses ${name}`, () => {
      expect(parseHidPosReport(report)).toMatchObject({ invalid: expect.stringMatching(reason) });
    });
  }

  it('keeps decoding after a refused report', () => {
    const events = assemble([Uint8Array.of(0x05, ...new Array(63).fill(0)), ...buildHidPosReports('AFTER-1')]);
    expect(events.map((e) => e.kind)).toEqual(['rejected', 'code']);
  });
});

/** node-hid stand-in: a scanner that can be plugged, unplugged and made to send reports. */
function fakeHid() {
  const scanner: HidDeviceInfo = { vendorId: 0x0c2e, productId: 0x0b61, path: '/dev/hidraw7', product: 'Fake Xenon', usagePage: 0x8c, usage: 0x02 };
  const keyboard: HidDeviceInfo = { vendorId: 0x0c2e, productId: 0x0b61, path: '/dev/hidraw6', usagePage: 0x01, usage: 0x06 };
  let plugged = true;
  let handle: (EventEmitter & HidHandle) | null = null;
  const features: number[][] = [];
  const backend: HidBackend = {
    devices: async () => (plugged ? [keyboard, scanner] : [keyboard]),
    async open(path) {
      if (!plugged || path !== scanner.path) throw new Error(`cannot open ${path}`);
      const emitter = new EventEmitter() as EventEmitter & HidHandle;
      emitter.sendFeatureReport = async (data) => (features.push(data), data.length);
      emitter.close = async () => {};
      handle = emitter;
      return emitter;
    },
  };
  return {
    backend,
    features,
    send: (reports: Uint8Array[]) => reports.forEach((r) => handle?.emit('data', Buffer.from(r))),
    unplug() {
      plugged = false;
      handle?.emit('error', new Error('could not read from HID device'));
      handle = null;
    },
    plug: () => void (plugged = true),
  };
}

describe('HID-POS scanner driver', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  it('finds the scanner by usage page, enables it, delivers scans and recovers after unplug', async () => {
    const hid = fakeHid();
    const scanner = createHidPosScanner({ backend: hid.backend, pollMs: 20 });
    closers.push(() => scanner.close());
    const scans: Scan[] = [];
    scanner.onScan((s) => scans.push(s));
    await waitFor(() => scanner.status().state === 'ready', 'ready');
    expect(scanner.status()).toMatchObject({ name: 'Fake Xenon (HID-POS)', detail: expect.stringContaining('0c2e:0b61') });
    expect(hid.features).toEqual([[0xfe, 0x01]]);

    hid.send(buildHidPosReports(HEALTH_URL));
    await waitFor(() => scans.length === 1, 'a scan');
    expect(scans[0]).toMatchObject({ text: HEALTH_URL, source: 'hid-pos', symbology: 'QR', aim: ']Q1' });
    expect(Buffer.from(scans[0]!.rawBase64!, 'base64').toString()).toBe(HEALTH_URL);

    hid.unplug();
    await waitFor(() => scanner.status().state === 'disconnected', 'disconnected after unplug');
    hid.plug();
    await waitFor(() => scanner.status().state === 'ready', 'ready after replug');
    hid.send(buildHidPosReports('AGAIN-42'));
    await waitFor(() => scans.length === 2, 'a scan after replug');
  });

  it('does not send the enable report when told not to, and ignores scanners with another VID', async () => {
    const hid = fakeHid();
    const other = createHidPosScanner({ backend: hid.backend, pollMs: 20, vendorId: 0x05e0 });
    closers.push(() => other.close());
    await waitFor(() => other.status().state === 'disconnected', 'no matching scanner');
    const scanner = createHidPosScanner({ backend: hid.backend, pollMs: 20, enable: 'never' });
    closers.push(() => scanner.close());
    await waitFor(() => scanner.status().state === 'ready', 'ready');
    expect(hid.features).toEqual([]);
  });
});
