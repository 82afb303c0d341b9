// The composition root: opens the store, wires services to devices and builds the dispatcher both hosts use.
import type { DeviceStatus } from '../../common/contract/devices.ts';
import type { CodeVerifier } from '../features/gate/checkpoint-service.ts';
import { createGate } from './gate-capability.ts';
import { createEntriesRepository } from '../features/log/entries-repository.ts';
import { openStore, type Db } from '../platform/store/open-store.ts';
import { loadConfig, type KioskConfig } from '../platform/config/kiosk-config.ts';
import { packageVersion as version } from '../platform/config/paths.ts';
import { createDispatcher, type Dispatch, type Handlers } from '../platform/calls/dispatcher.ts';
import { createEventBus, type EventBus } from '../platform/events/event-bus.ts';
import type { KioskDevices } from '../features/devices/kiosk-devices.ts';
import { deviceHandlers, openKioskDevices } from '../features/devices/kiosk-devices.ts';
import { createVerifier } from '../features/gate/verifier.ts';
import { syncHandlers } from '../features/sync/handlers.ts';
import { consoleCapability } from './console-capability.ts';
import { createSyncService } from '../features/sync/sync-service.ts';
import { applyDistrictPolicy } from '../features/policy/district-policy.ts';

export interface CoreOptions {
  dataDir: string;
  now?: () => Date;
  log?: (message: string, error?: unknown) => void;
  /** Replaces the configured devices (tests that drive a port directly). */
  devices?: KioskDevices;
  verifier?: CodeVerifier;
  /** The LAN address and certificate fingerprint when the browser host serves the LAN, for the kiosk to show. */
  lan?: { url: string; fingerprint: string };
  /** Electron only: the kiosk window's page as an A4 PDF (webContents.printToPDF). */
  printToPdf?: () => Promise<Buffer>;
}

export interface Core {
  dispatch: Dispatch;
  bus: EventBus;
  config: KioskConfig;
  /** How scans arrive; Electron reads a wedge scanner itself with these thresholds. */
  scanner: { mode: KioskDevices['scannerMode']; wedge: KioskDevices['wedge'] };
  db: Db;
  /** The account behind a session token, or null (the LAN host checks its event stream with it). */
  resolveSession(token: string): { username: string } | null;
  close(): Promise<void>;
}


export async function createCore(options: CoreOptions): Promise<Core> {
  const log = options.log ?? ((message, error) => console.error(`[gate-kiosk] ${message}`, error ?? ''));
  const now = options.now ?? (() => new Date());
  const config = loadConfig(options.dataDir);
  const db = openStore(options.dataDir);
  const bus = createEventBus();
  const devices = options.devices ?? (await openKioskDevices(config, log));
  const entries = createEntriesRepository(db, config.timeZone);
  const sync = createSyncService({ db, config: { timeZone: config.timeZone, registryUrl: config.registry.url, certificateSha256: config.registry.certificateSha256 }, log: (message) => log(message) });
  const verifier = options.verifier ?? createVerifier(config, options.dataDir, (kind) => sync.downlink(kind));
  const manager = consoleCapability({ db, config, dataDir: options.dataDir, now, log, lan: options.lan, printToPdf: options.printToPdf });
  const gate = createGate({ db, config, dataDir: options.dataDir, bus, now, entries, verifier });

  const unsubscribers = [
    devices.onStatus((status: DeviceStatus) => bus.publish('devices.status', status)),
    devices.thermometer.onReading((reading) => bus.publish('thermometer.reading', reading)),
    devices.onScan((scan) => bus.publish('scanner.scan', scan)),
    sync.onStatus((status) => bus.publish('sync.status', status)),
    bus.onAny((event) => event === 'entries.recorded' && sync.nudge()),
    sync.onDownlink((kinds) => kinds.includes('policy') && applyDistrictPolicy(gate.policy, sync.downlink('policy'), (message) => log(message))),
  ];

  const handlers: Handlers = {
    'system.info': () => ({ compoundName: config.compoundName, version, timeZone: config.timeZone, policy: gate.policy.policy(), simulatedDevices: devices.simulated, dataDir: options.dataDir, scanner: { mode: devices.scannerMode, wedge: devices.wedge } }),
    ...gate.handlers,
    ...deviceHandlers(devices),
    ...syncHandlers(sync),
    ...manager.handlers,
  };
  sync.start();
  const dispatch = createDispatcher(handlers, log, { resolveSession: manager.resolveSession });

  return {
    dispatch,
    bus,
    config,
    scanner: { mode: devices.scannerMode, wedge: devices.wedge },
    db,
    resolveSession: manager.resolveSession,
    async close() {
      for (const unsubscribe of unsubscribers) unsubscribe();
      manager.stop();
      await sync.stop();
      await devices.close();
      db.close();
    },
  };
}
