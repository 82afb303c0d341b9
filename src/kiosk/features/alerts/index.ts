// Alerts up to the district, at once: raised by entries (inside their own transaction), by devices down too long, by
// a shift with nobody recorded, by the clock, by a restarted chain; kept until the registry confirms each.
import type { DeviceStatus } from '../../../common/contract/devices.ts';
import type { Entry } from '../../../common/contract/entries.ts';
import type { alertMethods } from '../../../common/contract/methods/alerts.ts';
import type { Shift } from '../../../common/contract/shifts.ts';
import type { Audit } from '../../platform/audit/audit-log.ts';
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';
import type { Db } from '../../platform/store/open-store.ts';
import type { RegistryClient } from '../sync/registry-client.ts';
import { systemClock, type SyncClock } from '../sync/sync-service.ts';
import { createAlertOutbox, type AlertInput } from './alert-outbox.ts';
import { createAlertSender } from './alert-sender.ts';
import { alertsForEntry, chainRestart, createClockWatch, createDeviceWatch, createSilenceWatch } from './alert-triggers.ts';

export type AlertMethod = keyof typeof alertMethods;

export interface AlertsFeatureDeps {
  db: Db;
  audit: Audit;
  now: () => Date;
  config: { deviceDownMinutes: number; silentMinutes: number };
  registry: { url?: string; certificateSha256?: string };
  currentShift: () => Shift | null;
  log: (message: string) => void;
  clock?: SyncClock;
  client?: RegistryClient;
  /** How often devices and shifts are looked at (default 30 s). */
  checkEveryMs?: number;
}

export function createAlertsFeature(deps: AlertsFeatureDeps) {
  const { db } = deps;
  const clock = deps.clock ?? systemClock;
  const outbox = createAlertOutbox(db, deps.audit, deps.now);
  const sender = createAlertSender({ db, outbox, clock, registry: deps.registry, log: deps.log, client: deps.client });
  const devices = createDeviceWatch(deps.config.deviceDownMinutes * 60_000);
  const silence = createSilenceWatch(deps.config.silentMinutes * 60_000);
  const clockWatch = createClockWatch();
  const lastEntry = db.prepare<[], { at: number | null }>('SELECT max(at_ms) AS at FROM entries');
  let ticker: unknown = null;
  /** An entry raised an alert since the last nudge (a rolled-back entry's flag only nudges the next one: harmless). */
  let raisedByEntries = false;

  const raise = (inputs: AlertInput[]) => {
    const raised = inputs.map((input) => outbox.raise(input)).filter(Boolean);
    if (raised.length) sender.nudge();
  };

  function check(): void {
    const nowMs = deps.now().getTime();
    raise([...devices.due(nowMs), ...silence.due(deps.currentShift(), lastEntry.get()?.at ?? null, nowMs)]);
  }

  function tick(): void {
    ticker = clock.setTimeout(() => {
      try {
        check();
      } catch (error) {
        deps.log(`alert checks failed: ${(error as Error).message}`);
      }
      tick();
    }, deps.checkEveryMs ?? 30_000);
  }

  const handlers: HandlersFor<AlertMethod> = {
    'alerts.list': ({ limit }) => ({ alerts: outbox.list(limit), waiting: outbox.waitingCount() }),
  };

  return {
    handlers,
    /** Inside the entry's transaction: the alerts it raises commit with it (sending waits for the commit). */
    recordEntry(entry: Entry): void {
      for (const input of alertsForEntry(entry)) if (outbox.raise(input)) raisedByEntries = true;
    },
    /** After the entry is committed: send what it raised. An entry that raised nothing (nearly all) costs no timer
     * and no look at the outbox. */
    entryCommitted: () => {
      if (!raisedByEntries) return;
      raisedByEntries = false;
      sender.nudge();
    },
    deviceStatus(status: DeviceStatus): void {
      devices.seen(status, deps.now().getTime());
    },
    clockSkew(skewSeconds: number | undefined): void {
      raise(clockWatch.seen(skewSeconds));
    },
    check,
    start(): void {
      const chain = db.prepare<[], { head: number; acked: number }>('SELECT (SELECT last_seq FROM sync_chain) AS head, (SELECT acked_seq FROM sync_progress) AS acked').get();
      const restarted = chain ? chainRestart(chain.head, chain.acked) : null;
      if (restarted) raise([restarted]);
      sender.start();
      tick();
    },
    async stop(): Promise<void> {
      if (ticker !== null) clock.clearTimeout(ticker);
      ticker = null;
      await sender.stop();
    },
    sendNow: () => sender.sendNow(),
  };
}
export type AlertsFeature = ReturnType<typeof createAlertsFeature>;
