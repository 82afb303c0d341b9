// The devices as the core sees them: statuses, one measurement at a time, and the simulator's controls when simulated.
import type { DeviceStatus } from '../contract/devices.ts';
import type { Measurement } from '../contract/methods.ts';
import type { ThermometerPort, Unsubscribe } from '../devices/ports.ts';
import { measureOnce } from '../devices/thermometer/measurement.ts';
import type { PersonScenario } from '../devices/thermometer/scenarios.ts';
import { createSimulatedThermometer } from '../devices/thermometer/simulated.ts';
import type { KioskConfig } from './config.ts';

export interface KioskDevices {
  simulated: boolean;
  thermometer: ThermometerPort;
  statuses(): DeviceStatus[];
  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe;
  measure(options: { timeoutMs: number }): Promise<Measurement>;
  /** Present only when the thermometer is the simulator. */
  setScenario?: (scenario: PersonScenario) => void;
  close(): Promise<void>;
}

// Keyboard-wedge scans are read by the page itself, so the core reports the scanner as the page's.
const wedgeScanner: DeviceStatus = { kind: 'scanner', state: 'ready', name: 'Keyboard-wedge scanner', simulated: false, detail: 'scans arrive as keystrokes in the kiosk page' };

export function kioskDevicesFrom(thermometer: ThermometerPort, extra: { setScenario?: (s: PersonScenario) => void } = {}): KioskDevices {
  return {
    simulated: thermometer.status().simulated,
    thermometer,
    statuses: () => [wedgeScanner, thermometer.status()],
    onStatus: (listener) => thermometer.onStatus(listener),
    async measure({ timeoutMs }) {
      const result = await measureOnce(thermometer, { timeoutMs });
      if (!result.ok) return { ok: false, reason: result.reason };
      return { ok: true, bodyC: result.bodyC, objectC: result.objectC, ambientC: result.ambientC, readings: result.readings, estimated: result.estimated };
    },
    setScenario: extra.setScenario,
    close: () => thermometer.close(),
  };
}

export async function openKioskDevices(_config: KioskConfig, _log: (message: string, error?: unknown) => void): Promise<KioskDevices> {
  // A person stands in front of the simulated sensor by default, so a demo measures someone.
  const simulator = createSimulatedThermometer({ scenario: 'normal' });
  return kioskDevicesFrom(simulator, { setScenario: simulator.setScenario });
}
