import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_WEDGE_OPTIONS } from '../../../../src/common/keyboard-wedge.ts';
import { openDevices, parseDeviceConfig, type OpenedDevices } from '../../../../src/kiosk/platform/devices/config.ts';
import type { Reading, Scan } from '../../../../src/common/contract/devices.ts';
import { createPtyPair, openDeviceEnd, waitFor } from '../../../support/pty.ts';
import { startThermometerSimulator } from '../../../../src/kiosk/platform/devices/thermometer/protocol-simulator.ts';

const opened: OpenedDevices[] = [];
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const devices of opened.splice(0)) await devices.close();
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups.length = 0;
});

describe('device config', () => {
  it('defaults to simulators and default wedge thresholds when nothing is configured', async () => {
    const parsed = parseDeviceConfig(undefined);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const devices = openDevices(parsed.config);
    opened.push(devices);
    expect(devices.thermometer.status()).toMatchObject({ kind: 'thermometer', state: 'ready', simulated: true });
    expect(devices.scannerMode).toBe('simulated');
    expect(devices.wedge).toEqual(DEFAULT_WEDGE_OPTIONS);
    const scans: Scan[] = [];
    devices.scanner!.onScan((s) => scans.push(s));
    devices.simulatedScanner!.scan('SIM-CODE-1');
    expect(scans).toMatchObject([{ text: 'SIM-CODE-1', source: 'simulator' }]);
    devices.simulatedThermometer!.setScenario('fever');
    expect(devices.thermometer.status().detail).toBe('scenario: fever');
  });

  const invalid: Array<[string, unknown, RegExp]> = [
    ['a serial thermometer with no location', { thermometer: { mode: 'serial', protocol: 'aa55' } }, /thermometer: give the port path, or vendorId and productId/],
    ['an unknown protocol', { thermometer: { mode: 'serial', path: '/dev/ttyUSB0', protocol: 'modbus' } }, /thermometer.protocol/],
    ['a malformed USB id', { thermometer: { mode: 'serial', vendorId: 'xyz', productId: '7523', protocol: 'aa55' } }, /4-digit hex USB id/],
    ['an unknown scanner mode', { scanner: { mode: 'bluetooth' } }, /scanner/],
  ];
  for (const [name, raw, message] of invalid) {
    it(`refuses ${name} with a message that names the field`, () => {
      expect(parseDeviceConfig(raw)).toMatchObject({ ok: false, error: expect.stringMatching(message) });
    });
  }

  it('normalises USB ids and keeps wedge overrides', () => {
    const parsed = parseDeviceConfig({
      thermometer: { mode: 'serial', vendorId: '0x1A86', productId: '7523', protocol: 'gy90614' },
      scanner: { mode: 'hid-pos', vendorId: '0C2E' },
      wedge: { maxMedianGapMs: 60, requireSuffix: true },
    });
    expect(parsed).toMatchObject({
      ok: true,
      config: { thermometer: { vendorId: '1a86', productId: '7523', gyMode: 'continuous', watchdogMs: 5000 }, scanner: { vendorId: '0c2e', enable: 'auto', pollMs: 3000 } },
    });
  });

  it('opens a configured serial thermometer and serial scanner over real PTYs', async () => {
    const thermoPty = await createPtyPair();
    cleanups.push(() => thermoPty.close());
    const scannerPty = await createPtyPair();
    cleanups.push(() => scannerPty.close());
    const channel = await openDeviceEnd(thermoPty.device);
    const simulator = startThermometerSimulator(channel, { protocol: 'aa55', scenario: 'normal', intervalMs: 20 });
    cleanups.push(async () => {
      simulator.stop();
      await channel.close();
    });
    const parsed = parseDeviceConfig({
      thermometer: { mode: 'serial', path: thermoPty.kiosk, protocol: 'aa55' },
      scanner: { mode: 'serial', path: scannerPty.kiosk, suffix: 'cr' },
      wedge: { minLength: 8 },
    });
    if (!parsed.ok) throw new Error(parsed.error);
    const devices = openDevices(parsed.config);
    opened.push(devices);
    expect(devices.wedge.minLength).toBe(8);
    const readings: Reading[] = [];
    devices.thermometer.onReading((r) => readings.push(r));
    await waitFor(() => readings.length >= 2, 'readings from the configured thermometer');
    const scans: Scan[] = [];
    devices.scanner!.onScan((s) => scans.push(s));
    await waitFor(() => devices.scanner!.status().state === 'ready', 'the serial scanner');
    const scannerEnd = await openDeviceEnd(scannerPty.device);
    cleanups.push(() => scannerEnd.close());
    scannerEnd.write(new TextEncoder().encode('CDC-CODE-7\r'));
    await waitFor(() => scans.length === 1, 'a scan from the configured scanner');
    expect(scans[0]).toMatchObject({ text: 'CDC-CODE-7', source: 'serial' });
  });
});
