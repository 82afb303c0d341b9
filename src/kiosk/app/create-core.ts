// The composition root, and the only one: opens the store, builds every repository and service once, joins the
// features' handlers into the one dispatcher both hosts use, starts and stops services in order, and owns the timers.
import type { Core, CoreOptions } from './core.ts';
import { createAccountsFeature } from '../features/accounts/index.ts';
import { createAlertsFeature } from '../features/alerts/index.ts';
import { createDemoFeature } from '../features/demo/index.ts';
import { createDevicesFeature, openKioskDevices } from '../features/devices/index.ts';
import { createExportFeature } from '../features/export/index.ts';
import { createGateFeature, createVerifier, dccMaterialPaths } from '../features/gate/index.ts';
import { createIdCardFeature } from '../features/id-card/index.ts';
import { createLogFeature } from '../features/log/index.ts';
import { createPolicyFeature } from '../features/policy/index.ts';
import { createRetentionFeature } from '../features/retention/index.ts';
import { createIdHasher, createRosterFeature, loadIdKey } from '../features/roster/index.ts';
import { createSetupFeature } from '../features/setup/index.ts';
import { createShiftsFeature } from '../features/shifts/index.ts';
import { createStatsFeature } from '../features/stats/index.ts';
import { createSyncFeature } from '../features/sync/index.ts';
import { createSystemFeature } from '../features/system/index.ts';
import { createWatchFeature } from '../features/watch/index.ts';
import { auditTrail } from '../platform/audit/audit-log.ts';
import { createDispatcher, type Handlers } from '../platform/calls/dispatcher.ts';
import { loadConfig } from '../platform/config/kiosk-config.ts';
import { packageVersion } from './paths.ts';
import { createEventBus } from '../platform/events/event-bus.ts';
import { restrictNewFiles } from '../platform/store/at-rest/folder-modes.ts';
import { chooseProtection } from '../platform/store/at-rest/key-protection.ts';
import { loadCardKey } from '../platform/health-codes/compound-files.ts';
import { openKioskStore } from '../platform/store/open-store.ts';
import { createCheckpoints } from '../platform/store/wal-checkpoints.ts';
import { createStorageChecks, FIRST_INTEGRITY_CHECK_MS, INTEGRITY_CHECK_EVERY_MS } from './storage-checks.ts';
import { updateDccMaterial } from '../platform/health-codes/dcc-updater.ts';
import { createConsoleWorkers } from './console-work/console-workers.ts';

import type { LogFilter } from '../../common/contract/console.ts';
import type { ExportJob } from '../features/export/index.ts';

export type { Core, CoreOptions } from './core.ts';

const FIRST_PURGE_MS = 30_000;
const PURGE_EVERY_MS = 6 * 3600_000;
const FIRST_DCC_UPDATE_MS = 5_000;
const DCC_UPDATE_EVERY_MS = 30 * 60_000;

export async function createCore(options: CoreOptions): Promise<Core> {
  const log = options.log ?? ((message, error) => console.error(`[gate-kiosk] ${message}`, error ?? ''));
  const now = options.now ?? (() => new Date());
  const { dataDir } = options;
  // Live settings: first-start setup updates this object, and the getters below read it at each call.
  const config = loadConfig(dataDir);
  // Held disk (issue 12.4): files made from here on are the kiosk user's alone; the database is encrypted, its key
  // sealed by the OS in Electron or in a key file outside the data folder; secrets move inside it.
  restrictNewFiles();
  const { protection, note: protectionNote } = chooseProtection(options.keySealer);
  if (protectionNote) log(protectionNote);
  const store = openKioskStore(dataDir, { protection, now });
  for (const note of store.notes) log(note);
  const { db } = store;
  const trustListPath = () => config.healthCodes.trustListPath ?? 'trust/trust-list.json';
  loadCardKey(db, dataDir, trustListPath(), now());
  const rosterKey = loadIdKey(db, dataDir, now());
  const bus = createEventBus();
  const audit = auditTrail(db, now);
  const storage = createStorageChecks(store, { audit, now, log, rosterKeyProblem: rosterKey.problem });
  const feverLineC = () => config.policy.feverLineC;
  const { timeZone } = config;
  // Console work off the gate's thread (issue 14.2): log pages, statistics and exports read on the console worker's
  // own connection; exports tell the screen that asked how far they are.
  const consoleWork = createConsoleWorkers(store, log);
  const consoleReads = {
    readPage: (filter: LogFilter, offset: number, limit: number) => consoleWork.run('log.query', { filter, offset, limit, feverLineC: feverLineC() }),
    readStats: (filter: LogFilter) => consoleWork.run('stats', { filter, timeZone, feverLineC: feverLineC() }),
    runExport: (job: ExportJob, progress: (done: number, total: number | null) => void) => consoleWork.run('export', { ...job, timeZone, feverLineC: feverLineC() }, progress),
    progressOf: (task: 'export' | 'import' | 'purge') => (id: string, done: number, total: number | null, finished: boolean) => bus.publish('console.progress', { id, task, done, total, finished }),
  };

  // Ground floor first: devices, accounts, the log and the link to the registry.
  // An ID card's number is hashed with the roster's key the moment it is read (issue 15; hashId is set below).
  const devices = options.devices ?? (await openKioskDevices(config, log, (number) => hashId(number)));
  const accounts = createAccountsFeature({ db, now, ...options.accounts });
  const logs = createLogFeature({ db, timeZone, feverLineC, audit, now, readPage: consoleReads.readPage });
  const sync = createSyncFeature({
    db,
    audit,
    config: { timeZone, registryUrl: config.registry.url, certificateSha256: config.registry.certificateSha256, downlinkIntervalMs: config.registry.documentsEverySeconds * 1000 },
    log: (message) => log(message),
  });
  // District links (issue 17): the watch lists matched at the gate, and alerts that go up at once.
  const watch = createWatchFeature({ db, now });
  const alerts = createAlertsFeature({ db, audit, now, config: config.alerts, registry: config.registry, currentShift: () => shifts.shifts.current(), log: (message) => log(message) });
  // Then what builds on them.
  const policy = createPolicyFeature({ db, configPolicy: config.policy, audit, now, log: (message) => log(message) });
  const hashId = watch.hasher(createIdHasher(rosterKey));
  const roster = createRosterFeature({
    db,
    hashId,
    audit,
    now,
    dataDir,
    trustListPath,
    issuer: () => config.compoundCode || config.compoundName,
    revocationListPath: () => config.healthCodes.revocationListPath ?? 'trust/revoked-cards.json',
    readTable: (format, base64) => consoleWork.run('table', { format, base64 }),
    progress: consoleReads.progressOf('import'),
  });
  const shifts = createShiftsFeature({ db, accounts: accounts.accounts, audit, now });
  const idCards = createIdCardFeature({
    devices, roster: roster.roster, visitors: roster.visitors, hashId, policy: policy.store.current, bus, now, timeZone,
    districtList: () => watch.published(), codeCheck: (checkId) => gate.checks.get(checkId), log: (message) => log(message),
  });
  const gate = createGateFeature({
    entries: logs.entries,
    verifier:
      options.verifier ??
      createVerifier(config, dataDir, { downlink: (kind) => sync.service.downlink(kind), downlinkHead: (kind) => sync.service.downlinkHead(kind), clockSkewSeconds: () => sync.service.clockSkewSeconds() }),
    roster: roster.roster,
    visitors: roster.visitors,
    policy: policy.store,
    shifts: shifts.shifts,
    bus,
    audit,
    now,
    timeZone,
    defaultVolunteer: () => config.defaultVolunteer,
    watch: watch.matcher,
    alsoOnRecord: (entry) => alerts.recordEntry(entry),
    idCards: idCards.service,
  });
  const retention = createRetentionFeature({ db, now, timeZone, retentionDays: () => config.retentionDays, progress: consoleReads.progressOf('purge') });
  // Sample data and training kiosks (issue 19): while the sample is held nothing goes to the registry.
  const training = options.training ?? false;
  const demo = createDemoFeature({
    db, dataDir, config, accounts: accounts.accounts, roster: () => roster.roster, policy: () => policy.store, audit, now, trustListPath, training,
    onChange: (holds) => (holds ? void Promise.all([sync.stop(), alerts.stop()]) : (sync.start(), alerts.start())),
    onSampleAccounts: options.onSampleAccounts,
  });
  await demo.start();
  const heldFlush = async () => ({ complete: false as const, waiting: sync.service.status().waiting, oldestWaitingAt: sync.service.status().oldestWaitingAt, why: 'sample-data' as const, reason: 'sample data', message: training ? 'Training kiosk: nothing is sent to the registry.' : 'Sample data is loaded: nothing is sent to the registry until it is removed.' });

  const handlers: Handlers = {
    ...createSystemFeature(() => ({
      compoundName: config.compoundName,
      version: packageVersion,
      timeZone,
      policy: policy.store.policy(),
      simulatedDevices: devices.simulated,
      dataDir,
      scanner: { mode: devices.scannerMode, wedge: devices.wedge },
      samplingPoint: config.samplingPoint,
    }), storage.status).handlers,
    ...accounts.handlers,
    ...alerts.handlers,
    ...createDevicesFeature({ devices, config, db, dataDir, now }).handlers,
    ...createExportFeature({ queries: logs.queries, audit, now, timeZone, dataDir, printToPdf: options.printToPdf, runExport: consoleReads.runExport, progress: consoleReads.progressOf('export') }).handlers,
    ...gate.handlers,
    ...idCards.handlers,
    ...logs.handlers,
    ...policy.handlers,
    ...retention.handlers,
    ...roster.handlers,
    ...createSetupFeature({ db, dataDir, accounts: accounts.accounts, config, now, lan: () => options.lan ?? null }).handlers,
    ...shifts.handlers,
    ...createStatsFeature({ db, timeZone, feverLineC, auditSearch: logs.auditSearch, readStats: consoleReads.readStats }).handlers,
    ...sync.handlers,
    ...demo.handlers,
    'sync.flush': (input, caller) => (demo.holdsSample() ? heldFlush() : sync.handlers['sync.flush'](input, caller)),
    ...watch.handlers,
  };
  const dispatch = storage.watch(createDispatcher(handlers, accounts.authorizePorts, log));
  const checkpoints = createCheckpoints(db, log);

  const unsubscribers = [
    devices.onStatus((status) => bus.publish('devices.status', status)),
    devices.thermometer.onReading((reading) => bus.publish('thermometer.reading', reading)),
    devices.onScan((scan) => bus.publish('scanner.scan', scan)),
    sync.service.onStatus((status) => bus.publish('sync.status', status)),
    bus.onAny((event) => event === 'entries.recorded' && sync.service.nudge()),
    sync.service.onDownlink((kinds) => kinds.includes('policy') && policy.applyDistrict(sync.service.downlink('policy'))),
    devices.onStatus((status) => alerts.deviceStatus(status)),
    sync.service.onStatus((status) => alerts.clockSkew(status.clockSkewSeconds)),
    bus.onAny((event) => event === 'entries.recorded' && alerts.entryCommitted()),
    // The WAL is checkpointed after the answer, not inside a person's commit (issue 18).
    bus.onAny((event) => event === 'entries.recorded' && checkpoints.written()),
    () => checkpoints.stop(),
  ];

  const purge = () => void retention.purgeDue().catch((error: unknown) => log('the scheduled purge of old entries failed; it runs again later', error));
  const integrity = () => void storage.checkNow();
  const timers = [
    setTimeout(purge, FIRST_PURGE_MS),
    setInterval(purge, PURGE_EVERY_MS),
    setTimeout(integrity, FIRST_INTEGRITY_CHECK_MS),
    setInterval(integrity, options.integrityCheckEveryMs ?? INTEGRITY_CHECK_EVERY_MS),
  ];
  // EU DCC material from its source (issue 16): the business rules and the revocation list, kept within 24 h.
  const dccSource = config.healthCodes.dcc.sourceUrl;
  if (dccSource && config.healthCodes.formats.includes('dcc')) {
    const updateDcc = () =>
      void updateDccMaterial({ sourceUrl: dccSource, ...dccMaterialPaths(config, dataDir), now }).then((report) => {
        if (!report.rules.ok) log(`the DCC rules could not be updated from ${dccSource}: ${report.rules.error}`);
        if (!report.revocation.ok) log(`the DCC revocation list could not be updated from ${dccSource}: ${report.revocation.error}`);
      });
    timers.push(setTimeout(updateDcc, FIRST_DCC_UPDATE_MS), setInterval(updateDcc, DCC_UPDATE_EVERY_MS));
  }
  for (const timer of timers) timer.unref();
  for (const status of devices.statuses()) alerts.deviceStatus(status);
  if (!demo.holdsSample()) {
    sync.start();
    alerts.start();
  }

  return {
    dispatch,
    bus,
    config,
    scanner: { mode: devices.scannerMode, wedge: devices.wedge },
    db,
    resolveSession: (token) => accounts.accounts.resolveSession(token),
    sessions: { peek: (token) => accounts.accounts.peekSession(token), onChange: (listener) => accounts.accounts.onSessionsChanged(listener) },
    checkStorage: () => storage.checkNow(),
    async close() {
      // In reverse order of starting: nothing runs against a closed store.
      for (const timer of timers) clearTimeout(timer);
      for (const unsubscribe of unsubscribers) unsubscribe();
      idCards.stop();
      await alerts.stop();
      await sync.stop();
      await devices.close();
      await consoleWork.close();
      db.close();
    },
  };
}
