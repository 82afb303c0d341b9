// The composition root: opens the store, wires services to devices and builds the dispatcher both hosts use.
import { GateError } from '../contract/errors.ts';
import type { DeviceStatus } from '../contract/devices.ts';
import type { Measurement } from '../contract/methods.ts';
import { createCheckpointService, type CodeVerifier } from '../gate/checkpoint-service.ts';
import { createCodeChecks } from '../gate/code-checks.ts';
import { createEntriesRepository } from '../log/entries-repository.ts';
import { localDay } from '../log/local-day.ts';
import { openStore, type Db } from '../store/open-store.ts';
import { loadConfig, type KioskConfig } from './config.ts';
import { packageVersion as version } from './paths.ts';
import { createDispatcher, type Dispatch } from './dispatcher.ts';
import { createEventBus, type EventBus } from './event-bus.ts';
import type { KioskDevices } from './kiosk-devices.ts';
import { openKioskDevices } from './kiosk-devices.ts';
import { createVerifier } from './verifier.ts';

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
  const verifier = options.verifier ?? createVerifier(config, log);
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
  ];

  const dispatch = createDispatcher(
    {
      'system.info': () => ({ compoundName: config.compoundName, version, policy: config.policy, simulatedDevices: devices.simulated, dataDir: options.dataDir }),
      'codes.verify': ({ text }) => checkpoint.verify(text),
      'entries.record': (facts) => checkpoint.record(facts),
      'entries.today': ({ limit }) => entries.listDay(localDay(now(), config.timeZone), limit),
      'thermometer.measure': ({ timeoutMs }): Promise<Measurement> => devices.measure({ timeoutMs }),
      'devices.status': () => devices.statuses(),
      'sim.thermometer.scenario': ({ scenario }) => {
        if (!devices.setScenario) throw new GateError('forbidden', 'A real thermometer is attached; the simulator cannot be driven.');
        devices.setScenario(scenario);
        return { scenario };
      },
    },
    log,
  );

  return {
    dispatch,
    bus,
    config,
    db,
    async close() {
      for (const unsubscribe of unsubscribers) unsubscribe();
      await devices.close();
      db.close();
    },
  };
}
