// Sends waiting alerts at once, on their own signed request beside the entry batches (so a batch path that is down,
// slow or stuck behind a week's backlog never holds an alert back), retrying with capped backoff until the registry
// confirms each id. A resend after a lost answer is recognised by its id at the registry: each alert is kept once.
import { AlertAnswer, MAX_ALERTS } from '../../../common/wire/alerts.ts';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from '../sync/backoff.ts';
import { readCredentials } from '../sync/kiosk-state.ts';
import { createRegistryClient, type RegistryClient } from '../sync/registry-client.ts';
import type { SyncClock } from '../sync/sync-service.ts';
import type { Db } from '../../platform/store/open-store.ts';
import type { AlertOutbox } from './alert-outbox.ts';

export interface AlertSenderDeps {
  db: Db;
  outbox: AlertOutbox;
  clock: SyncClock;
  registry: { url?: string; certificateSha256?: string };
  backoff?: BackoffPolicy;
  random?: () => number;
  log: (message: string) => void;
  /** For tests: replaces the HTTP client built from the stored credentials. */
  client?: RegistryClient;
}

export function createAlertSender(deps: AlertSenderDeps) {
  const backoff = deps.backoff ?? { baseMs: 1_000, capMs: DEFAULT_BACKOFF.capMs };
  const random = deps.random ?? Math.random;
  let running = false;
  let timer: unknown = null;
  let sending: Promise<void> | null = null;
  let failures = 0;

  let enrolled = true;

  async function sendAll(): Promise<void> {
    const credentials = readCredentials(deps.db);
    enrolled = credentials !== null;
    if (!credentials) return;
    const client =
      deps.client ??
      createRegistryClient({
        url: deps.registry.url ?? credentials.registryUrl,
        certificateSha256: deps.registry.certificateSha256 ?? credentials.certificateSha256 ?? undefined,
        now: () => deps.clock.now(),
        timeoutMs: 10_000,
      });
    for (;;) {
      const batch = deps.outbox.waiting(MAX_ALERTS);
      if (batch.length === 0) return;
      try {
        const answer = AlertAnswer.parse(await client.request('POST', '/v1/alerts', { alerts: batch }, credentials));
        const held = new Set(answer.received);
        deps.outbox.delivered(batch.filter((a) => held.has(a.id)).map((a) => a.id));
        if (!batch.some((a) => held.has(a.id))) throw new Error('the registry confirmed none of the alerts');
        failures = 0;
      } catch (error) {
        deps.outbox.failed(batch.map((a) => a.id), (error as Error).message);
        throw error;
      }
    }
  }

  function schedule(ms: number): void {
    if (!running) return;
    if (timer !== null) deps.clock.clearTimeout(timer);
    timer = deps.clock.setTimeout(() => {
      timer = null;
      void sendNow();
    }, ms);
  }

  function sendNow(): Promise<void> {
    if (sending) return sending;
    sending = sendAll()
      .catch((error: unknown) => {
        failures += 1;
        deps.log(`alerts not delivered yet (${failures} tries): ${(error as Error).message}`);
      })
      .finally(() => {
        sending = null;
        // Not enrolled yet: the alerts wait on this kiosk, looked at again each minute.
        if (deps.outbox.waitingCount() > 0) schedule(!enrolled ? 60_000 : failures > 0 ? backoffDelay(failures, backoff, random) : 0);
      });
    return sending;
  }

  return {
    start(): void {
      running = true;
      schedule(0);
    },
    async stop(): Promise<void> {
      running = false;
      if (timer !== null) deps.clock.clearTimeout(timer);
      timer = null;
      await sending;
    },
    /** An alert was raised: send now unless a send is under way or a backoff is waiting. */
    nudge(): void {
      if (running && !sending && (failures === 0 || timer === null)) schedule(0);
    },
    sendNow,
  };
}
export type AlertSender = ReturnType<typeof createAlertSender>;
