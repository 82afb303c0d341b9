import { afterEach, describe, expect, it } from 'vitest';
import { SerialPort } from 'serialport';
import type { DeviceStatus, Reading } from '../../../../src/common/contract/devices.ts';
import { createSerialThermometer, type RejectedFrame, type SerialThermometer } from '../../../../src/kiosk/platform/devices/thermometer/serial-thermometer.ts';
import { startThermometerSimulator, type ThermometerSimulatorOptions } from '../../../../src/kiosk/platform/devices/thermometer/protocol-simulator.ts';
import { measureOnce } from '../../../../src/kiosk/platform/devices/thermometer/measurement.ts';
import { createPtyPair, openDeviceEnd, waitFor, type PtyPair } from '../../../support/pty.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups.length = 0;
});

const fastBackoff = { initialMs: 50, maxMs: 400 };

async function pair(): Promise<PtyPair> {
  const pty = await createPtyPair();
  cleanups.push(() => pty.close());
  return pty;
}

async function device(pty: PtyPair, options: ThermometerSimulatorOptions) {
  const channel = await openDeviceEnd(pty.device);
  const simulator = startThermometerSimulator(channel, options);
  const stop = async () => {
    simulator.stop();
    await channel.close();
  };
  cleanups.push(stop);
  return { simulator, stop };
}

function watch(thermometer: SerialThermometer) {
  cleanups.push(() => thermometer.close());
  const readings: Reading[] = [];
  const rejected: RejectedFrame[] = [];
  const states: DeviceStatus[] = [];
  thermometer.onReading((r) => readings.push(r));
  thermometer.onRejected((r) => rejected.push(r));
  thermometer.onStatus((s) => states.push(s));
  return { readings, rejected, states };
}

describe('serial thermometer over a real PTY', () => {
  it('decodes an AA 55 stream and reports ready', async () => {
    const pty = await pair();
    await device(pty, { protocol: 'aa55', scenario: 'normal', intervalMs: 20 });
    const thermometer = createSerialThermometer({ target: { path: pty.kiosk }, protocol: 'aa55', backoff: fastBackoff });
    const seen = watch(thermometer);
    await waitFor(() => seen.readings.length >= 3, 'three readings');
    expect(thermometer.status()).toMatchObject({ kind: 'thermometer', state: 'ready', simulated: false });
    expect(seen.readings[0]!.bodyC).toBeGreaterThan(36);
    expect(seen.readings[0]!.bodyC).toBeLessThan(37.2);
  });

  it('switches a GY-MCU90614 to continuous output and gets object and ambient', async () => {
    const pty = await pair();
    await device(pty, { protocol: 'gy90614', scenario: 'fever', intervalMs: 20 });
    const thermometer = createSerialThermometer({ target: { path: pty.kiosk }, protocol: 'gy90614', backoff: fastBackoff });
    const seen = watch(thermometer);
    await waitFor(() => seen.readings.length >= 3, 'streamed readings');
    expect(seen.readings[0]).toMatchObject({ objectC: expect.any(Number), ambientC: expect.any(Number) });
    expect(seen.readings[0]!.bodyC).toBeUndefined();
    const measurement = await measureOnce(thermometer, { windowMs: 100, minReadings: 3, timeoutMs: 20_000 });
    expect(measurement).toMatchObject({ ok: true, estimated: true });
    expect(measurement.ok && measurement.bodyC).toBeGreaterThanOrEqual(38.2);
  });

  it('queries a GY-MCU90614 in query mode: one frame per request', async () => {
    const pty = await pair();
    const { simulator } = await device(pty, { protocol: 'gy90614', scenario: 'normal', intervalMs: 20 });
    const thermometer = createSerialThermometer({ target: { path: pty.kiosk }, protocol: 'gy90614', gyMode: 'query', backoff: fastBackoff });
    const seen = watch(thermometer);
    await waitFor(() => thermometer.status().state === 'ready', 'ready');
    thermometer.requestReading();
    await waitFor(() => seen.readings.length === 1, 'the answer to one query');
    thermometer.requestReading();
    await waitFor(() => seen.readings.length === 2, 'the answer to a second query');
    expect(simulator.framesSent()).toBe(2);
  });

  it('recovers readings from a stream with garbage, split frames and bad checksums, reporting the rejects', async () => {
    const pty = await pair();
    await device(pty, { protocol: 'gy90614', scenario: 'garbage', intervalMs: 15 });
    const thermometer = createSerialThermometer({ target: { path: pty.kiosk }, protocol: 'gy90614', backoff: fastBackoff });
    const seen = watch(thermometer);
    await waitFor(() => seen.readings.length >= 5 && seen.rejected.some((r) => r.reason.startsWith('bad checksum')), 'readings and rejects');
    for (const reading of seen.readings) expect(reading.objectC).toBeGreaterThan(30);
  });

  it('comes back by itself after unplug (socat killed) and replug (socat restarted)', async () => {
    const pty = await pair();
    let sim = await device(pty, { protocol: 'ascii', scenario: 'normal', intervalMs: 20 });
    const thermometer = createSerialThermometer({ target: { path: pty.kiosk }, protocol: 'ascii', backoff: fastBackoff });
    const seen = watch(thermometer);
    await waitFor(() => seen.readings.length >= 2, 'readings before unplug');

    await sim.stop();
    await pty.unplug();
    await waitFor(() => thermometer.status().state === 'disconnected', 'disconnected after unplug');
    expect(thermometer.status().detail).toMatch(/unplugged|does not exist/);

    await pty.plug();
    sim = await device(pty, { protocol: 'ascii', scenario: 'fever', intervalMs: 20 });
    await waitFor(() => thermometer.status().state === 'ready', 'ready after replug');
    await waitFor(() => (seen.readings.at(-1)?.bodyC ?? 0) > 38, 'readings from the replugged device');
  });

  it('reopens a streaming device that went silent (watchdog)', async () => {
    const pty = await pair();
    await device(pty, { protocol: 'aa55', scenario: 'silent', intervalMs: 20 });
    const thermometer = createSerialThermometer({ target: { path: pty.kiosk }, protocol: 'aa55', watchdogMs: 200, backoff: fastBackoff });
    const seen = watch(thermometer);
    await waitFor(() => seen.states.some((s) => s.state === 'error' && /no data/.test(s.detail ?? '')), 'the watchdog to fire');
    await waitFor(() => seen.states.filter((s) => s.state === 'ready').length >= 2, 'a reopen after the watchdog');
  });

  it('says clearly when another program holds the port', async () => {
    const pty = await pair();
    const holder = new SerialPort({ path: pty.kiosk, baudRate: 9600, autoOpen: false });
    await new Promise<void>((resolve, reject) => holder.open((e) => (e ? reject(e) : resolve())));
    cleanups.push(() => new Promise<void>((resolve) => holder.close(() => resolve())));
    const thermometer = createSerialThermometer({ target: { path: pty.kiosk }, protocol: 'aa55', backoff: fastBackoff });
    watch(thermometer);
    await waitFor(() => thermometer.status().state === 'error', 'an error state');
    expect(thermometer.status().detail).toMatch(/in use by another program/);
  });

  it('says the device is not plugged in when the path does not exist', async () => {
    const thermometer = createSerialThermometer({ target: { path: '/dev/gate-kiosk-no-such-port' }, protocol: 'ascii', backoff: fastBackoff });
    watch(thermometer);
    await waitFor(() => thermometer.status().state === 'disconnected', 'disconnected');
    expect(thermometer.status().detail).toMatch(/does not exist: is the device plugged in/);
  });

  it('finds the device again by VID/PID/serial number, and explains a missing udev', async () => {
    const pty = await pair();
    await device(pty, { protocol: 'aa55', scenario: 'normal', intervalMs: 20 });
    const listing = [
      { path: '/dev/ttyS0' },
      { path: pty.kiosk, vendorId: '1A86', productId: '7523', serialNumber: 'T-1' },
    ];
    const byId = createSerialThermometer({
      target: { vendorId: '1a86', productId: '7523', serialNumber: 'T-1' },
      protocol: 'aa55',
      backoff: fastBackoff,
      list: async () => listing,
    });
    const seen = watch(byId);
    await waitFor(() => seen.readings.length >= 1, 'a reading found by USB identity');
    await byId.close();

    const noUdev = createSerialThermometer({
      target: { vendorId: '1a86', productId: '7523' },
      protocol: 'aa55',
      backoff: fastBackoff,
      list: async () => Promise.reject(new Error('spawn udevadm ENOENT')),
    });
    watch(noUdev);
    await waitFor(() => noUdev.status().state === 'error', 'an error without udev');
    expect(noUdev.status().detail).toMatch(/is udev installed\? Configure the port path instead/);
  });
});
