// A USB-CDC scanner (/dev/ttyACM*): a serial line per code, kept open by the same supervisor as the thermometers.
import type { Scan } from '../../../../common/contract/devices.ts';
import { createListeners } from '../listeners.ts';
import type { ScannerPort } from '../ports.ts';
import { createSerialSupervisor, describeTarget, type PortListing, type SerialTarget } from '../serial/supervisor.ts';
import { decodeCodeText, symbologyName } from './hid-pos-report.ts';
import { createLineDecoder, splitAimPrefix, type LineSuffix } from './line-decoder.ts';
import { makeScan } from './scans.ts';

export interface SerialScannerOptions {
  target: SerialTarget;
  baudRate?: number;
  suffix?: LineSuffix;
  /** The scanner is configured to prefix each code with its AIM identifier. */
  aimPrefix?: boolean;
  backoff?: { initialMs?: number; maxMs?: number };
  list?(): Promise<PortListing[]>;
  log?(message: string): void;
}

export function createSerialScanner(options: SerialScannerOptions): ScannerPort {
  const scans = createListeners<Scan>();
  let decoder = createLineDecoder({ suffix: options.suffix ?? 'any' });
  const supervisor = createSerialSupervisor({
    kind: 'scanner',
    name: `Serial scanner (${describeTarget(options.target)})`,
    target: options.target,
    baudRate: options.baudRate ?? 9600,
    backoff: options.backoff,
    // Scanners are silent between codes: no watchdog.
    watchdogMs: 0,
    list: options.list,
    log: options.log,
    onOpen() {
      decoder = createLineDecoder({ suffix: options.suffix ?? 'any' });
    },
    onData(chunk) {
      for (const event of decoder.push(chunk)) {
        if (event.kind === 'rejected') {
          options.log?.(event.reason);
          continue;
        }
        const decoded = decodeCodeText(event.bytes);
        const { aim, text } = options.aimPrefix ? splitAimPrefix(decoded) : { aim: undefined, text: decoded };
        if (text.length > 0) scans.emit(makeScan('serial', text, event.bytes, { aim, symbology: symbologyName(aim) }));
      }
    },
  });
  return {
    status: supervisor.status,
    onStatus: supervisor.onStatus,
    onScan: scans.add,
    async close() {
      await supervisor.close();
      scans.clear();
    },
  };
}
