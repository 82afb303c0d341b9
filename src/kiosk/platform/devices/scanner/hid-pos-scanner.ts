// A HID-POS scanner through node-hid. No focus or keyboard-layout problems. There is no hotplug event, so while no
// scanner is open the driver re-enumerates every few seconds; an unplug shows up only as an `error` on the handle.
import type { DeviceStatus, Scan } from '../../../../common/contract/devices.ts';
import { createListeners } from '../listeners.ts';
import type { ScannerPort } from '../ports.ts';
import { createHidPosAssembler, HID_POS_ENABLE_FEATURE_REPORT, HID_POS_USAGE_PAGE, HID_POS_USAGE_SCANNER } from './hid-pos-report.ts';
import { makeScan } from './scans.ts';

export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string | undefined;
  serialNumber?: string | undefined;
  product?: string | undefined;
  usagePage?: number | undefined;
  usage?: number | undefined;
}

export interface HidHandle {
  on(event: 'data', listener: (report: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  sendFeatureReport(data: number[]): Promise<number>;
  close(): Promise<void>;
}

/** The slice of node-hid the driver uses, so tests can drive it with simulated reports. */
export interface HidBackend {
  devices(): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidHandle>;
}

export interface HidPosScannerOptions {
  vendorId?: number;
  productId?: number;
  serialNumber?: string;
  path?: string;
  /** Send feature report 0xFE [0x01] after opening: 'auto' tries and ignores refusal. */
  enable?: 'auto' | 'always' | 'never';
  pollMs?: number;
  backend?: HidBackend;
  log?(message: string): void;
}

export async function nodeHidBackend(): Promise<HidBackend> {
  const hid = await import('node-hid');
  return {
    devices: () => hid.devicesAsync(),
    open: (path) => hid.HIDAsync.open(path) as Promise<HidHandle>,
  };
}

export function isHidPosScanner(device: HidDeviceInfo): boolean {
  return device.usagePage === HID_POS_USAGE_PAGE && device.usage === HID_POS_USAGE_SCANNER;
}

export function createHidPosScanner(options: HidPosScannerOptions = {}): ScannerPort {
  const pollMs = options.pollMs ?? 3000;
  const log = options.log ?? (() => {});
  const scans = createListeners<Scan>();
  const statuses = createListeners<DeviceStatus>();
  let status: DeviceStatus = { kind: 'scanner', state: 'connecting', name: 'HID-POS scanner', simulated: false, detail: 'looking for a scanner (usage page 0x8C)' };
  let handle: HidHandle | null = null;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let backend: HidBackend | undefined = options.backend;

  function setStatus(state: DeviceStatus['state'], detail: string, name = status.name): void {
    if (status.state === state && status.detail === detail && status.name === name) return;
    status = { ...status, state, detail, name };
    log(`${name}: ${state} - ${detail}`);
    statuses.emit(status);
  }

  const matches = (d: HidDeviceInfo) =>
    isHidPosScanner(d) &&
    (options.vendorId === undefined || d.vendorId === options.vendorId) &&
    (options.productId === undefined || d.productId === options.productId) &&
    (options.serialNumber === undefined || d.serialNumber === options.serialNumber) &&
    (options.path === undefined || d.path === options.path);

  function schedule(): void {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => void attempt(), pollMs);
  }

  async function attempt(): Promise<void> {
    if (closed || handle) return;
    try {
      backend ??= await nodeHidBackend();
    } catch (error) {
      setStatus('error', `node-hid cannot load (${(error as Error).message}): libudev1 and libusb-1.0-0 must be installed`);
      return schedule();
    }
    let found: HidDeviceInfo | undefined;
    try {
      found = (await backend.devices()).find(matches);
    } catch (error) {
      setStatus('error', `cannot list HID devices (${(error as Error).message})`);
      return schedule();
    }
    if (!found?.path) {
      setStatus('disconnected', 'no HID-POS scanner plugged in (checking again every few seconds)');
      return schedule();
    }
    const name = found.product ? `${found.product} (HID-POS)` : 'HID-POS scanner';
    let opened: HidHandle;
    try {
      opened = await backend.open(found.path);
    } catch (error) {
      const hint = /permission|EACCES/i.test((error as Error).message) ? ': install resources/udev/70-gate-kiosk.rules' : '';
      setStatus('error', `cannot open ${found.path} (${(error as Error).message})${hint}`, name);
      return schedule();
    }
    if (closed) return void opened.close();
    handle = opened;
    const assembler = createHidPosAssembler();
    opened.on('data', (report) => {
      for (const event of assembler.push(report)) {
        if (event.kind === 'code') scans.emit(makeScan('hid-pos', event.code.text, event.code.bytes, event.code));
        else log(`HID-POS report ignored: ${event.reason}`);
      }
    });
    opened.on('error', (error) => {
      if (handle !== opened) return;
      handle = null;
      void opened.close().catch(() => {});
      setStatus('disconnected', `scanner unplugged or failed (${error.message}); looking for it again`, name);
      schedule();
    });
    if (options.enable !== 'never') {
      try {
        await opened.sendFeatureReport(HID_POS_ENABLE_FEATURE_REPORT);
      } catch (error) {
        if (options.enable === 'always') log(`enable feature report refused: ${(error as Error).message}`);
      }
    }
    setStatus('ready', `${found.path} (${found.vendorId.toString(16).padStart(4, '0')}:${found.productId.toString(16).padStart(4, '0')})`, name);
  }

  void attempt();

  return {
    status: () => status,
    onStatus: statuses.add,
    onScan: scans.add,
    async close() {
      closed = true;
      clearTimeout(timer);
      const current = handle;
      handle = null;
      await current?.close().catch(() => {});
      setStatus('disconnected', 'closed');
      scans.clear();
      statuses.clear();
    },
  };
}
