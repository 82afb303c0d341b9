// The manager console's part of the core: accounts and sessions, log queries, statistics, exports, retention on a
// schedule, first-start setup and the Electron-only PDF report. One spread line in create-core.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createAccounts } from '../features/accounts/accounts.ts';
import { accountHandlers } from '../features/accounts/handlers.ts';
import { actorOf, recordAudit, SYSTEM_ACTOR } from '../platform/audit/audit-log.ts';
import { GateError } from '../../common/contract/errors.ts';
import { consoleLogHandlers } from './console-handlers.ts';
import { createLogQueries } from '../features/log/log-queries.ts';
import { purgeExpired } from '../features/retention/purge.ts';
import { issueResidentCards } from '../features/roster/resident-cards.ts';
import { importRoster } from '../features/roster/roster-import.ts';
import { readTable } from '../features/roster/table-file.ts';
import { createIdHasher, loadIdKey } from '../features/roster/id-key.ts';
import { createRosterRepository } from '../features/roster/roster-repository.ts';
import { deviceSettings, saveDeviceSettings, testThermometer } from '../features/devices/settings.ts';
import { setupHandlers } from '../features/setup/first-start.ts';
import type { Db } from '../platform/store/open-store.ts';
import type { KioskConfig } from '../platform/config/kiosk-config.ts';
import type { HandlersFor } from '../platform/calls/dispatcher.ts';

const PURGE_EVERY_MS = 6 * 3600_000;

export interface ConsoleCapabilityDeps {
  db: Db;
  config: KioskConfig;
  dataDir: string;
  now: () => Date;
  log: (message: string, error?: unknown) => void;
  lan?: { url: string; fingerprint: string };
  printToPdf?: () => Promise<Buffer>;
}

type ConsoleMethods =
  | 'accounts.signIn' | 'accounts.signOut' | 'accounts.me' | 'accounts.list' | 'accounts.create' | 'accounts.update' | 'accounts.unlock' | 'audit.list'
  | 'log.query' | 'log.shifts' | 'log.entry' | 'log.reveal' | 'stats.summary' | 'export.log' | 'retention.status' | 'retention.purge'
  | 'setup.status' | 'setup.complete' | 'report.savePdf' | 'roster.import' | 'roster.cards'
  | 'devices.settings.get' | 'devices.settings.save' | 'devices.settings.testRead';

export function consoleCapability(deps: ConsoleCapabilityDeps) {
  const { db, config, now } = deps;
  const accounts = createAccounts({ db, now });
  const queries = createLogQueries(db, () => config.policy.feverLineC);
  const roster = createRosterRepository(db, createIdHasher(loadIdKey(deps.dataDir)), now);

  const purge = () => {
    try {
      purgeExpired(db, { now: now(), retentionDays: config.retentionDays, timeZone: config.timeZone, actor: SYSTEM_ACTOR });
    } catch (error) {
      deps.log('the scheduled purge of old entries failed; it runs again later', error);
    }
  };
  const first = setTimeout(purge, 30_000);
  const timer = setInterval(purge, PURGE_EVERY_MS);
  first.unref();
  timer.unref();

  const handlers: HandlersFor<ConsoleMethods> = {
    ...accountHandlers({ db, accounts, signInRequired: (caller) => caller.via === 'http-lan' }),
    ...consoleLogHandlers({ db, queries, now, timeZone: config.timeZone, feverLineC: () => config.policy.feverLineC, retentionDays: () => config.retentionDays }),
    ...setupHandlers({ db, dataDir: deps.dataDir, accounts, config, now, lan: () => deps.lan ?? null }),
    'roster.import': async ({ kind, format, fileName, base64, dryRun }, caller) => {
      const table = await readTable(format, Buffer.from(base64, 'base64'));
      return importRoster({ db, roster, now }, kind, table, { dryRun, actor: actorOf(caller.user), fileName });
    },
    'roster.cards': ({ residentIds }, caller) =>
      issueResidentCards({ db, roster, dataDir: deps.dataDir, trustListPath: config.healthCodes.trustListPath ?? 'trust/trust-list.json', issuer: config.compoundCode || config.compoundName, now }, residentIds, actorOf(caller.user)),
    'devices.settings.get': () => deviceSettings(config),
    'devices.settings.save': ({ config: raw }, caller) => saveDeviceSettings({ db, dataDir: deps.dataDir, now }, raw, actorOf(caller.user)),
    'devices.settings.testRead': ({ thermometer, timeoutMs }) => testThermometer(thermometer, timeoutMs),
    'report.savePdf': async ({ name }, caller) => {
      if (!deps.printToPdf) throw new GateError('unavailable', "Saving a PDF works in the kiosk app. In a browser, use Print and choose 'Save as PDF'.");
      const pdf = await deps.printToPdf();
      const dir = path.join(deps.dataDir, 'reports');
      mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${name}.pdf`);
      writeFileSync(file, pdf);
      recordAudit(db, { actor: actorOf(caller.user), action: 'report-pdf', subject: file }, now());
      return { path: file };
    },
  };

  return {
    handlers,
    accounts,
    resolveSession: (token: string) => accounts.resolveSession(token),
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
