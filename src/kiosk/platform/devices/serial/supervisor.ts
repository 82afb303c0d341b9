// Keeps one serial device open: finds it (by path, or by USB VID/PID/serial number), opens it, reports a state with a
// human detail, reopens with capped exponential backoff after unplug or failure, and reopens a device that went
// silent. The protocol drivers on top only see bytes.
import { SerialPort } from 'serialport';
import type { DeviceKind, DeviceState, DeviceStatus } from '../../../../common/contract/devices.ts';
import { createListeners } from '../listeners.ts';
import type { Unsubscribe } from '../ports.ts';

/** Where the device is: a fixed path (also PTYs, which are never listed), or USB identity found via SerialPort.list. */
export type SerialTarget = { path: string } | { vendorId: string; productId: string; serialNumber?: string };

export interface PortListing {
  path: string;
  vendorId?: string | undefined;
  productId?: string | undefined;
  serialNumber?: string | undefined;
}

export interface SerialSupervisorOptions {
  kind: DeviceKind;
  name: string;
  target: SerialTarget;
  baudRate: number;
  onData(chunk: Uint8Array): void;
  /** Called after each successful open, e.g. to send a mode command. */
  onOpen?(write: (bytes: Uint8Array) => void): void;
  backoff?: { initialMs?: number; maxMs?: number };
  /** Reopen when no data came for this long while `expectingData()` says data should flow. 0 turns it off. */
  watchdogMs?: number;
  expectingData?(): boolean;
  list?(): Promise<PortListing[]>;
  log?(message: string): void;
}

export interface SerialSupervisor {
  status(): DeviceStatus;
  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe;
  write(bytes: Uint8Array): boolean;
  close(): Promise<void>;
}

export function describeTarget(target: SerialTarget): string {
  if ('path' in target) return target.path;
  return `USB ${target.vendorId}:${target.productId}${target.serialNumber ? ` serial ${target.serialNumber}` : ''}`;
}

/** Turns an open error into a state and a message that says what to do. */
export function explainOpenError(path: string, error: Error): { state: DeviceState; detail: string } {
  const message = error.message;
  if (/cannot lock port|resource temporarily unavailable|EBUSY/i.test(message)) {
    return { state: 'error', detail: `${path} is in use by another program (find it with \`fuser ${path}\`, close it, or pick another port)` };
  }
  if (/ENOENT|no such file/i.test(message)) return { state: 'disconnected', detail: `${path} does not exist: is the device plugged in?` };
  if (/EACCES|permission denied/i.test(message)) {
    return { state: 'error', detail: `no permission to open ${path}: add the kiosk user to the dialout group or install resources/udev rules` };
  }
  return { state: 'error', detail: `cannot open ${path}: ${message}` };
}

const sameHex = (a: string | undefined, b: string) => (a ?? '').toLowerCase().replace(/^0x/, '') === b.toLowerCase().replace(/^0x/, '');

async function findPath(target: SerialTarget, list: () => Promise<PortListing[]>): Promise<{ path: string } | { state: DeviceState; detail: string }> {
  if ('path' in target) return { path: target.path };
  let ports: PortListing[];
  try {
    ports = await list();
  } catch (error) {
    return { state: 'error', detail: `cannot list serial ports (${(error as Error).message}); is udev installed? Configure the port path instead` };
  }
  const match = ports.find(
    (p) => sameHex(p.vendorId, target.vendorId) && sameHex(p.productId, target.productId) && (!target.serialNumber || p.serialNumber === target.serialNumber),
  );
  return match ? { path: match.path } : { state: 'disconnected', detail: `${describeTarget(target)} is not plugged in` };
}

export function createSerialSupervisor(options: SerialSupervisorOptions): SerialSupervisor {
  const initialMs = options.backoff?.initialMs ?? 500;
  const maxMs = options.backoff?.maxMs ?? 10_000;
  const watchdogMs = options.watchdogMs ?? 0;
  const list = options.list ?? (() => SerialPort.list());
  const log = options.log ?? (() => {});
  const statuses = createListeners<DeviceStatus>();
  let status: DeviceStatus = { kind: options.kind, state: 'connecting', name: options.name, simulated: false, detail: `opening ${describeTarget(options.target)}` };
  let port: SerialPort | null = null;
  let closed = false;
  let failures = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let watchdog: ReturnType<typeof setInterval> | undefined;
  let lastDataAt = 0;
  let closeReason: { state: DeviceState; detail: string } | null = null;

  function setStatus(state: DeviceState, detail: string): void {
    if (status.state === state && status.detail === detail) return;
    status = { ...status, state, detail };
    log(`${options.name}: ${state} - ${detail}`);
    statuses.emit(status);
  }

  function scheduleRetry(state: DeviceState, detail: string): void {
    if (closed) return;
    const delay = Math.min(maxMs, initialMs * 2 ** failures);
    failures++;
    setStatus(state, `${detail} (retrying in ${(delay / 1000).toFixed(1)} s)`);
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void connect(), delay);
  }

  function startWatchdog(current: SerialPort): void {
    if (watchdogMs <= 0) return;
    clearInterval(watchdog);
    watchdog = setInterval(() => {
      if (port !== current || !(options.expectingData?.() ?? true)) return;
      if (Date.now() - lastDataAt < watchdogMs) return;
      closeReason = { state: 'error', detail: `no data for ${(watchdogMs / 1000).toFixed(1)} s: reopening the port` };
      current.close(() => {});
    }, Math.max(50, Math.min(1000, watchdogMs / 4)));
  }

  async function connect(): Promise<void> {
    if (closed) return;
    setStatus('connecting', failures > 0 ? `reopening ${describeTarget(options.target)}` : `opening ${describeTarget(options.target)}`);
    const found = await findPath(options.target, list);
    if (closed) return;
    if (!('path' in found)) return scheduleRetry(found.state, found.detail);
    const candidate = new SerialPort({ path: found.path, baudRate: options.baudRate, autoOpen: false });
    candidate.on('data', (chunk: Buffer) => {
      lastDataAt = Date.now();
      failures = 0;
      options.onData(chunk);
    });
    candidate.on('error', (error) => log(`${options.name}: ${error.message}`));
    candidate.on('close', (error?: Error & { disconnected?: boolean }) => {
      if (port !== candidate) return;
      port = null;
      clearInterval(watchdog);
      const reason = closeReason ?? (error?.disconnected ? { state: 'disconnected' as const, detail: `${found.path} was unplugged` } : { state: 'disconnected' as const, detail: `${found.path} closed` });
      closeReason = null;
      scheduleRetry(reason.state, reason.detail);
    });
    candidate.open((error) => {
      if (error) return scheduleRetry(explainOpenError(found.path, error).state, explainOpenError(found.path, error).detail);
      if (closed) {
        candidate.close(() => {});
        return;
      }
      port = candidate;
      lastDataAt = Date.now();
      setStatus('ready', `${found.path} at ${options.baudRate} baud`);
      options.onOpen?.((bytes) => void candidate.write(Buffer.from(bytes)));
      startWatchdog(candidate);
    });
  }

  void connect();

  return {
    status: () => status,
    onStatus: statuses.add,
    write(bytes) {
      if (!port) return false;
      port.write(Buffer.from(bytes));
      return true;
    },
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      clearInterval(watchdog);
      const current = port;
      port = null;
      if (current?.isOpen) await new Promise<void>((resolve) => current.close(() => resolve()));
      setStatus('disconnected', 'closed');
      statuses.clear();
    },
  };
}
