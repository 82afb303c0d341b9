// The kiosk's devices for benches: a simulated thermometer streaming at a real module's pace (10 readings/s, so the
// measurement window, not the simulator's 2/s default, sets the time) and a wedge scanner read by the page.
import { DEFAULT_WEDGE_OPTIONS } from '../../src/common/keyboard-wedge.ts';
import type { KioskDevices } from '../../src/kiosk/features/devices/kiosk-devices.ts';
import { measureOnce } from '../../src/kiosk/platform/devices/thermometer/measurement.ts';
import { createSimulatedThermometer } from '../../src/kiosk/platform/devices/thermometer/simulated.ts';

export function benchDevices(intervalMs = 100): KioskDevices {
  const thermometer = createSimulatedThermometer({ scenario: 'normal', intervalMs, seed: 11 });
  return {
    simulated: true,
    scannerMode: 'wedge',
    wedge: { ...DEFAULT_WEDGE_OPTIONS },
    thermometer,
    statuses: () => [thermometer.status()],
    onStatus: thermometer.onStatus,
    onScan: () => () => {},
    async measure({ timeoutMs }) {
      const result = await measureOnce(thermometer, { timeoutMs });
      if (!result.ok) return { ok: false, reason: result.reason };
      return { ok: true, bodyC: result.bodyC, objectC: result.objectC, ambientC: result.ambientC, readings: result.readings, estimated: result.estimated, note: result.note };
    },
    setScenario: thermometer.setScenario,
    close: () => thermometer.close(),
  };
}
