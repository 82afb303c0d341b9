// The composition root: opens the store, wires services to devices and builds the dispatcher both hosts use.
import type { DeviceStatus } from '../contract/devices.ts';
import { createCheckpointService, type CodeVerifier } from '../gate/checkpoint-service.ts';
import { createCodeChecks } from '../gate/code-checks.ts';
import { checkpointHandlers } from '../gate/handlers.ts';
import { createEntriesRepository } from '../log/entries-repository.ts';
import { openStore, type Db } from '../store/open-store.ts';
import { loadConfig, type KioskConfig } from './config.ts';
import { packageVersion as version } from './paths.ts';
import { createDispatcher, type Dispatch, type Handlers } from './dispatcher.ts';
import { createEventBus, type EventBus } from './event-bus.ts';
import type { KioskDevices } from './kiosk-devices.ts';
import { deviceHandlers, openKioskDevices } from './kiosk-devices.ts';
import { createVerifier } from './verifier.ts';
import { syncHandlers } from '../sync/handlers.ts';
import { createSyncService } from '../sync/sync-service.ts';

export interface CoreOptions {
  dataDir: string;
  now?: () => Date;
  log?: (message: string, error?: unknown) => void;
  /** Replaces the configured devices (tests that drive a port directly). */
  devices?: KioskDevices;
  verifier?: CodeVerifier;
}

export interface Core {
  dispatch: Dispatch;
  bus: EventBus;
  config: KioskConfig;
  db: Db;
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
  const verifier = options.verifier ?? createVerifier(config, options.dataDir);
  const checkpoint = createCheckpointService({
    entries,
    verifier,
    checks: createCodeChecks(now),
    bus,
    policy: () => config.policy,
    now,
    volunteer: () => config.defaultVolunteer,
  });

  const unsubscribers = [
    devices.onStatus((status: DeviceStatus) => bus.publish('devices.status', status)),
    devices.thermometer.onReading((reading) => bus.publish('thermometer.reading', reading)),
    devices.onScan((scan) => bus.publish('scanner.scan', scan)),
    sync.onStatus((status) => bus.publish('sync.status', status)),
    bus.onAny((event) => event === 'entries.recorded' && sync.nudge()),
  ];

  const handlers: Handlers = {
    'system.info': () => ({ compoundName: config.compoundName, version, timeZone: config.timeZone, policy: config.policy, simulatedDevices: devices.simulated, dataDir: options.dataDir, scanner: { mode: devices.scannerMode, wedge: devices.wedge } }),
    ...checkpointHandlers({ checkpoint, entries, now, timeZone: config.timeZone }),
    ...deviceHandlers(devices),
    ...syncHandlers(sync),
  };
  sync.start();
  const dispatch = createDispatcher(handlers, log);

  return {
    dispatch,
    bus,
    config,
    db,
    async close() {
      for (const unsubscribe of unsubscribers) unsubscribe();
      await sync.stop();
      await devices.close();
      db.close();
    },
  };
}
