// A thermometer module on a serial port: the supervisor keeps the port open, the protocol decoder turns bytes into
// readings, and GY-MCU90614 modules get their mode command after every (re)open.
import type { DeviceStatus, Reading } from '../../../../common/contract/devices.ts';
import { createListeners } from '../listeners.ts';
import type { ThermometerPort, Unsubscribe } from '../ports.ts';
import { createSerialSupervisor, describeTarget, type PortListing, type SerialTarget } from '../serial/supervisor.ts';
import type { ThermometerDecoder } from './frames.ts';
import { createThermometerDecoder, DEFAULT_BAUD, GY_COMMANDS, type ThermometerProtocol } from './protocols.ts';

export interface SerialThermometerOptions {
  target: SerialTarget;
  protocol: ThermometerProtocol;
  baudRate?: number;
  /** GY-MCU90614 only: stream at ~14 Hz (default) or answer one reading per requestReading(). */
  gyMode?: 'continuous' | 'query';
  /** Reopen a streaming module that sent nothing for this long (ms); 0 turns it off. Default 5000. */
  watchdogMs?: number;
  backoff?: { initialMs?: number; maxMs?: number };
  name?: string;
  list?(): Promise<PortListing[]>;
  log?(message: string): void;
}

export interface RejectedFrame {
  reason: string;
  bytes: Uint8Array;
  at: string;
}

export interface SerialThermometer extends ThermometerPort {
  /** Frames the decoder refused (bad checksum, noise...), for installers and logs. */
  onRejected(listener: (rejected: RejectedFrame) => void): Unsubscribe;
}

export function createSerialThermometer(options: SerialThermometerOptions): SerialThermometer {
  const readings = createListeners<Reading>();
  const rejections = createListeners<RejectedFrame>();
  const queryMode = options.protocol === 'gy90614' && options.gyMode === 'query';
  let decoder: ThermometerDecoder = createThermometerDecoder(options.protocol);
  let queriedAt: number | null = null;

  const supervisor = createSerialSupervisor({
    kind: 'thermometer',
    name: options.name ?? `Thermometer (${options.protocol}, ${describeTarget(options.target)})`,
    target: options.target,
    baudRate: options.baudRate ?? DEFAULT_BAUD[options.protocol],
    backoff: options.backoff,
    watchdogMs: options.watchdogMs ?? 5000,
    // A query-mode module is silent by design; it is only overdue when a query went unanswered.
    expectingData: () => !queryMode || queriedAt !== null,
    list: options.list,
    log: options.log,
    onOpen(write) {
      // A partial frame from before the reopen must not glue onto new bytes.
      decoder = createThermometerDecoder(options.protocol);
      queriedAt = null;
      if (options.protocol === 'gy90614' && !queryMode) write(GY_COMMANDS.continuous);
    },
    onData(chunk) {
      queriedAt = null;
      const at = new Date().toISOString();
      for (const event of decoder.push(chunk)) {
        if (event.kind === 'frame') readings.emit({ ...event.value, at });
        else rejections.emit({ reason: event.reason, bytes: event.bytes, at });
      }
    },
  });

  return {
    status: (): DeviceStatus => supervisor.status(),
    onStatus: supervisor.onStatus,
    onReading: readings.add,
    onRejected: rejections.add,
    requestReading() {
      if (!queryMode) return;
      if (supervisor.write(GY_COMMANDS.query) && queriedAt === null) queriedAt = Date.now();
    },
    async close() {
      await supervisor.close();
      readings.clear();
      rejections.clear();
    },
  };
}
