import { describe, expect, it } from 'vitest';
import type { DeviceStatus, Reading } from '../../../../src/common/contract/devices.ts';
import { createListeners } from '../../../../src/kiosk/platform/devices/listeners.ts';
import type { ThermometerPort } from '../../../../src/kiosk/platform/devices/ports.ts';
import {
  createMeasurementWindow,
  estimateBodyC,
  judgeReading,
  measureOnce,
  SKIN_TO_CORE_K,
} from '../../../../src/kiosk/platform/devices/thermometer/measurement.ts';
import { createSimulatedThermometer } from '../../../../src/kiosk/platform/devices/thermometer/simulated.ts';

describe('judging one reading', () => {
  const cases = [
    { reading: { bodyC: 36.6 }, expected: { ok: true, bodyC: 36.6, estimated: false } },
    { reading: { bodyC: 25.0 }, expected: { ok: false, code: 'nobody' } },
    { reading: { objectC: 25.1, ambientC: 25.0 }, expected: { ok: false, code: 'nobody' } },
    { reading: { bodyC: 33.0, objectC: 25.5, ambientC: 25.0 }, expected: { ok: false, code: 'nobody' } },
    { reading: { bodyC: 31.0 }, expected: { ok: false, code: 'too-cold' } },
    { reading: { objectC: 28.0, ambientC: 5.0 }, expected: { ok: false, code: 'too-cold' } },
    { reading: { bodyC: 45.2 }, expected: { ok: false, code: 'too-hot' } },
    { reading: { objectC: 60.0, ambientC: 24.0 }, expected: { ok: false, code: 'too-hot' } },
    { reading: { objectC: 34.0 }, expected: { ok: false, code: 'incomplete' } },
    { reading: { objectC: 34.0, ambientC: 24.0 }, expected: { ok: true, bodyC: 34.0 + SKIN_TO_CORE_K * 10, estimated: true, objectC: 34, ambientC: 24 } },
    { reading: { bodyC: 37.3, objectC: 35.2, ambientC: 23.0 }, expected: { ok: true, bodyC: 37.3, estimated: false, objectC: 35.2, ambientC: 23 } },
  ] as const;
  for (const c of cases) {
    it(`${JSON.stringify(c.reading)} -> ${c.expected.ok ? `body ${c.expected.bodyC}` : c.expected.code}`, () => {
      const judged = judgeReading(c.reading);
      expect(judged).toMatchObject(c.expected);
      if (!judged.ok) expect(judged.reason.length).toBeGreaterThan(10);
    });
  }

  it('estimates core from skin and ambient with the documented k, inside the published range', () => {
    expect(SKIN_TO_CORE_K).toBeGreaterThanOrEqual(0.09);
    expect(SKIN_TO_CORE_K).toBeLessThanOrEqual(0.13);
    expect(estimateBodyC(35, 25, 0.1)).toBeCloseTo(36, 5);
  });
});

describe('a measurement window', () => {
  it('needs enough valid readings over the window, then gives their median with object and ambient beside it', () => {
    const window = createMeasurementWindow({ windowMs: 1000, minReadings: 3 });
    window.add({ bodyC: 36.5, objectC: 34.8, ambientC: 24 }, 0);
    window.add({ bodyC: 25.0 }, 100);
    window.add({ bodyC: 36.7, objectC: 35.0, ambientC: 24 }, 500);
    expect(window.result()).toBeNull();
    window.add({ bodyC: 36.6, objectC: 34.9, ambientC: 24.2 }, 1000);
    expect(window.result()).toMatchObject({ ok: true, bodyC: 36.6, objectC: 34.9, ambientC: 24, estimated: false, readings: 3, rejected: 1 });
  });

  it('flags a low reading so the volunteer can measure again', () => {
    const window = createMeasurementWindow({ windowMs: 0, minReadings: 1 });
    window.add({ bodyC: 34.2 }, 0);
    expect(window.result()).toMatchObject({ ok: true, bodyC: 34.2, note: expect.stringContaining('cold') });
  });

  it('starts over when valid readings stop for a while (the person left)', () => {
    const window = createMeasurementWindow({ windowMs: 500, minReadings: 2 });
    window.add({ bodyC: 38.5 }, 0);
    window.add({ bodyC: 36.4 }, 10_000);
    expect(window.result()).toBeNull();
    window.add({ bodyC: 36.6 }, 10_600);
    expect(window.result()).toMatchObject({ bodyC: 36.5, readings: 2 });
  });

  it('reports the most common refusal when nothing valid came', () => {
    const window = createMeasurementWindow();
    window.add({ bodyC: 25 }, 0);
    window.add({ bodyC: 25.1 }, 500);
    window.add({ bodyC: 50 }, 600);
    expect(window.failure('silent')).toMatchObject({ ok: false, code: 'nobody', reason: expect.stringContaining('nobody in front of the sensor') });
    expect(createMeasurementWindow().failure('silent')).toMatchObject({ ok: false, code: 'no-readings', reason: 'silent' });
  });
});

function manualPort() {
  const readings = createListeners<Reading>();
  const status: DeviceStatus = { kind: 'thermometer', state: 'ready', name: 'manual', simulated: true };
  let requests = 0;
  const port: ThermometerPort = {
    status: () => status,
    onStatus: () => () => {},
    onReading: readings.add,
    requestReading: () => void requests++,
    close: async () => {},
  };
  return { port, emit: readings.emit, requests: () => requests };
}

describe('measureOnce', () => {
  it('ignores a reading stamped before the request: it belongs to the previous person', async () => {
    const { port, emit, requests } = manualPort();
    const pending = measureOnce(port, { windowMs: 0, minReadings: 1, timeoutMs: 20_000 });
    emit({ bodyC: 38.9, at: new Date(Date.now() - 2000).toISOString() });
    emit({ bodyC: 36.5, at: new Date(Date.now() + 1).toISOString() });
    await expect(pending).resolves.toMatchObject({ ok: true, bodyC: 36.5, readings: 1 });
    expect(requests()).toBeGreaterThanOrEqual(1);
  });

  it('measures a simulated person and follows a scenario switch', async () => {
    const thermometer = createSimulatedThermometer({ scenario: 'fever', intervalMs: 10 });
    try {
      const fever = await measureOnce(thermometer, { windowMs: 50, minReadings: 3, timeoutMs: 20_000 });
      expect(fever).toMatchObject({ ok: true, estimated: false });
      expect(fever.ok && fever.bodyC).toBeGreaterThanOrEqual(38.2);
      thermometer.setScenario('normal');
      const normal = await measureOnce(thermometer, { windowMs: 50, minReadings: 3, timeoutMs: 20_000 });
      expect(normal.ok && normal.bodyC).toBeLessThan(37);
      thermometer.setScenario('nobody');
      const nobody = await measureOnce(thermometer, { windowMs: 50, minReadings: 3, timeoutMs: 1000 });
      expect(nobody).toMatchObject({ ok: false, code: 'nobody' });
    } finally {
      await thermometer.close();
    }
  });

  it('says what to do when the thermometer is silent', async () => {
    const { port } = manualPort();
    await expect(measureOnce(port, { timeoutMs: 50 })).resolves.toMatchObject({
      ok: false,
      code: 'no-readings',
      reason: expect.stringContaining('handheld thermometer'),
    });
  });
});
