// A scanner for kiosks without one and for demos: `scan(text)` delivers a Scan exactly as a real driver would.
import type { DeviceStatus, Scan } from '../../../../common/contract/devices.ts';
import { createListeners } from '../listeners.ts';
import type { ScannerPort } from '../ports.ts';
import { makeScan } from './scans.ts';

export interface SimulatedScanner extends ScannerPort {
  scan(text: string, symbology?: string): void;
}

export function createSimulatedScanner(): SimulatedScanner {
  const scans = createListeners<Scan>();
  const statuses = createListeners<DeviceStatus>();
  let status: DeviceStatus = { kind: 'scanner', state: 'ready', name: 'Simulated scanner', simulated: true };
  return {
    status: () => status,
    onStatus: statuses.add,
    onScan: scans.add,
    scan(text, symbology = 'QR') {
      scans.emit(makeScan('simulator', text, new TextEncoder().encode(text), { symbology }));
    },
    async close() {
      status = { ...status, state: 'disconnected', detail: 'closed' };
      statuses.emit(status);
      scans.clear();
      statuses.clear();
    },
  };
}
