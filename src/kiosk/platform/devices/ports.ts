// What the core needs from devices, whatever drives them: real drivers or simulators.
import type { DeviceStatus, Reading, Scan } from '../../../common/contract/devices.ts';

export type Unsubscribe = () => void;

/** A temperature module that streams (or answers queries with) readings. */
export interface ThermometerPort {
  status(): DeviceStatus;
  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe;
  onReading(listener: (reading: Reading) => void): Unsubscribe;
  /** Ask a query-mode module for a reading now; streaming modules may ignore it. */
  requestReading(): void;
  close(): Promise<void>;
}

/** A scanner attached to the core (HID-POS, serial). Keyboard-wedge scans arrive from the page instead. */
export interface ScannerPort {
  status(): DeviceStatus;
  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe;
  onScan(listener: (scan: Scan) => void): Unsubscribe;
  close(): Promise<void>;
}
