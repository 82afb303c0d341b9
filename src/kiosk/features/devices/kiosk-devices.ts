// The devices as the core sees them: statuses, scans from core-attached scanners, one measurement at a time,
// and the simulator's controls when simulated.
import type { DeviceStatus, Scan } from '../../../common/contract/devices.ts';
import type { WedgeOptions } from '../../../common/keyboard-wedge.ts';
import type { Measurement } from '../../../common/contract/methods.ts';
import type { ScannerConfig } from '../../platform/devices/config.ts';
import { openDevices } from '../../platform/devices/config.ts';
import type { ThermometerPort, Unsubscribe } from '../../platform/devices/ports.ts';
import type { IdProtector } from '../../platform/devices/id-card/base-info.ts';
import type { IdCardReaderPort } from '../../platform/devices/id-card/id-card-reader.ts';
import type { SimulatedIdReader } from '../../platform/devices/id-card/simulated-id-reader.ts';
import { measureOnce } from '../../platform/devices/thermometer/measurement.ts';
import type { PersonScenario } from '../../platform/devices/thermometer/scenarios.ts';
import type { KioskConfig } from '../../platform/config/kiosk-config.ts';

export interface KioskDevices {
  simulated: boolean;
  scannerMode: ScannerConfig['mode'];
  wedge: WedgeOptions;
  thermometer: ThermometerPort;
  statuses(): DeviceStatus[];
  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe;
  /** Scans from a scanner the core drives (HID-POS, serial, simulator); wedge and camera scans come from the page. */
  onScan(listener: (scan: Scan) => void): Unsubscribe;
  measure(options: { timeoutMs: number }): Promise<Measurement>;
  /** Present only when the thermometer is the simulator. */
  setScenario?: (scenario: PersonScenario) => void;
  /** Present only when the thermometer is the simulator: unplug it or plug it back in. */
  setPlugged?: (plugged: boolean) => void;
  /** The ID card reader (issue 15); absent when none is configured. */
  idReader?: IdCardReaderPort;
  /** Present only when the ID card reader is the simulator. */
  simulatedIdReader?: SimulatedIdReader;
  close(): Promise<void>;
}

// Wedge and camera scans are read by the page itself, so the core reports that scanner as the page's.
function pageScanner(mode: 'wedge' | 'camera'): DeviceStatus {
  return mode === 'wedge'
    ? { kind: 'scanner', state: 'ready', name: 'Keyboard-wedge scanner', simulated: false, detail: 'scans arrive as keystrokes in the kiosk page' }
    : { kind: 'scanner', state: 'ready', name: 'Camera', simulated: false, detail: 'codes are read by the camera on the kiosk screen' };
}

export async function openKioskDevices(config: KioskConfig, log: (message: string, error?: unknown) => void, protectId?: IdProtector): Promise<KioskDevices> {
  const opened = openDevices(config.devices, { log: (message) => log(message), ...(protectId ? { protectId } : {}) });
  const { thermometer, scanner, idReader } = opened;
  const scannerStatus = () => (scanner ? scanner.status() : pageScanner(opened.scannerMode === 'camera' ? 'camera' : 'wedge'));
  return {
    simulated: thermometer.status().simulated,
    scannerMode: opened.scannerMode,
    wedge: opened.wedge,
    thermometer,
    statuses: () => [scannerStatus(), thermometer.status(), ...(idReader ? [idReader.status()] : [])],
    onStatus(listener) {
      const stops = [thermometer.onStatus(listener), scanner?.onStatus(listener), idReader?.onStatus(listener)];
      return () => stops.forEach((stop) => stop?.());
    },
    onScan: (listener) => scanner?.onScan(listener) ?? (() => {}),
    async measure({ timeoutMs }) {
      const result = await measureOnce(thermometer, { timeoutMs });
      if (!result.ok) return { ok: false, reason: result.reason };
      return { ok: true, bodyC: result.bodyC, objectC: result.objectC, ambientC: result.ambientC, readings: result.readings, estimated: result.estimated, note: result.note };
    },
    setScenario: opened.simulatedThermometer?.setScenario,
    setPlugged: opened.simulatedThermometer?.setPlugged,
    ...(idReader ? { idReader } : {}),
    ...(opened.simulatedIdReader ? { simulatedIdReader: opened.simulatedIdReader } : {}),
    close: () => opened.close(),
  };
}
