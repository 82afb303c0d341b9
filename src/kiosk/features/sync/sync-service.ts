// The kiosk's sync service: uploads the outbox, pulls district documents, and tells the screen where things stand.
// It owns the link's state and its schedule; one round with the registry is in exchange.ts, the status in status.ts.
import type Database from 'better-sqlite3';
import type { FlushResult, SyncStatus } from '../../../common/contract/methods/sync.ts';
import type { SignedKind } from '../../../common/wire/signed-documents.ts';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.ts';
import { uploadAudit } from './audit-upload.ts';
import { exchangeDocuments, uploadAll, type Link } from './exchange.ts';
import { acknowledgeProblems, openProblems } from './registry-problems.ts';
import { readCredentials, readDownlink, readDownlinkHead, readDownlinkHeads, type DownlinkHead, type LocalDownlink } from './kiosk-state.ts';
import { outboxCounts } from './outbox.ts';
import { createRegistryClient, RegistryError, type RegistryClient } from './registry-client.ts';
import { clockSkewMs, clockWarning, flushResult, syncStatus, type LinkState } from './status.ts';


/** How soon after a recorded entry its upload starts, whatever the pace of entries. */
export const NUDGE_MS = 500;

export interface SyncClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: SyncClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface SyncConfig {
  /** Overrides the URL stored at enrolment (e.g. the registry moved). */
  registryUrl?: string;
  /** SHA-256 of the registry's TLS certificate; required in practice for https. */
  certificateSha256?: string;
  /** The compound's time zone, for the day of each entry and for "up to HH:MM". */
  timeZone: string;
  batchSize?: number;
  /** Pause between uploads while the registry answers. */
  intervalMs?: number;
  backoff?: BackoffPolicy;
  requestTimeoutMs?: number;
  /** How often policy, trust list, revoked cards and the daily report are exchanged. */
  downlinkIntervalMs?: number;
}

export interface SyncService {
  start(): void;
  stop(): Promise<void>;
  /** Uploads now, ignoring backoff, until everything recorded before the call is at the registry or the time is up. */
  flush(options?: { timeoutMs?: number }): Promise<FlushResult>;
  status(): SyncStatus;
  /** Kiosk clock minus the registry's in whole seconds, as the status says it, without reading the database. */
  clockSkewSeconds(): number | undefined;
  onStatus(cb: (status: SyncStatus) => void): () => void;
  /** Call after recording an entry: the status count updates and an upload starts soon. */
  nudge(): void;
  downlink(kind: SignedKind): LocalDownlink | null;
  /** The held version of a document and when it was last confirmed, without reading its content. */
  downlinkHead(kind: SignedKind): DownlinkHead | null;
  onDownlink(cb: (changed: SignedKind[]) => void): () => void;
  /** A manager read the registry's reported problems: they stop showing (the caller audits it). */
  acknowledgeProblems(by: string): number;
}

export interface SyncServiceDeps {
  db: Database.Database;
  config: SyncConfig;
  clock?: SyncClock;
  random?: () => number;
  log?: (message: string) => void;
  /** For tests: replaces the HTTP client built from the stored credentials. */
  client?: RegistryClient;
}

export function createSyncService(deps: SyncServiceDeps): SyncService {
  const { db, config } = deps;
  const clock = deps.clock ?? systemClock;
  const random = deps.random ?? Math.random;
  const log = deps.log ?? (() => undefined);
  const batchSize = config.batchSize ?? 500;
  const intervalMs = config.intervalMs ?? 3_000;
  const backoff = config.backoff ?? DEFAULT_BACKOFF;
  const downlinkIntervalMs = config.downlinkIntervalMs ?? 15 * 60_000;

  const link: Omit<LinkState, 'enrolled'> = { running: false, offlineSince: null, lastSuccessAt: null, lastError: null, confirmedAt: null, skewMs: null };
  let timer: unknown = null;
  let timerDueAt = Number.POSITIVE_INFINITY;
  let cycle: Promise<void> | null = null;
  let failures = 0;
  let lastDownlinkAt = Number.NEGATIVE_INFINITY;
  const statusListeners = new Set<(s: SyncStatus) => void>();
  const downlinkListeners = new Set<(k: SignedKind[]) => void>();
  const enrolled = () => readCredentials(db) !== null;

  function connect(): Link | null {
    const credentials = readCredentials(db);
    if (!credentials) return null;
    const client = deps.client ?? createRegistryClient({
      url: config.registryUrl ?? credentials.registryUrl,
      certificateSha256: config.certificateSha256 ?? credentials.certificateSha256 ?? undefined,
      now: () => clock.now(),
      timeoutMs: config.requestTimeoutMs,
      onServerDate(serverMs, sentAtMs, receivedAtMs) {
        const before = clockWarning(link.skewMs === null ? undefined : link.skewMs / 1000);
        link.skewMs = clockSkewMs(serverMs, sentAtMs, receivedAtMs);
        const after = clockWarning(link.skewMs / 1000);
        if (after && !before) log(`WARNING: ${after}`);
      },
    });
    return { client, credentials };
  }

  function status(): SyncStatus {
    return syncStatus({ ...link, enrolled: enrolled() }, outboxCounts(db), readDownlinkHeads(db), clock.now(), config.timeZone, openProblems(db));
  }

  function emit(): void {
    if (statusListeners.size === 0) return;
    const s = status();
    for (const cb of statusListeners) cb(s);
  }

  // After an entry the badge's count is refreshed once the call has answered, and once for a burst of entries:
  // the status reads the outbox, the documents and the problems, none of which the person at the gate waits for.
  let emitSoon: NodeJS.Immediate | null = null;
  function emitAfterThisCall(): void {
    if (emitSoon !== null || statusListeners.size === 0) return;
    emitSoon = setImmediate(() => {
      emitSoon = null;
      emit();
    });
  }

  async function runCycle(): Promise<void> {
    const connected = connect();
    if (!connected) return;
    try {
      const startedAt = clock.now();
      await uploadAll(db, connected, { batchSize, nowMs: () => clock.now(), log, onBatch: emit });
      await uploadAudit(db, connected, { batchSize, nowMs: () => clock.now(), log });
      if (clock.now() - lastDownlinkAt >= downlinkIntervalMs) {
        try {
          await exchangeDocuments(db, connected, clock.now(), config.timeZone, (changed) => {
            for (const cb of downlinkListeners) cb(changed);
          });
        } catch (error) {
          // A document that fails its signature check changes nothing, and must not slow the uploads down either:
          // the link is up, only what came down was refused. Said in the status; tried again at the next exchange.
          if (!(error instanceof RegistryError) || error.kind !== 'unverified') throw error;
          link.lastError = { at: new Date(clock.now()).toISOString(), kind: error.kind, message: error.message };
          log(`WARNING: district documents not applied: ${error.message}`);
        }
        lastDownlinkAt = clock.now();
      }
      failures = 0;
      link.offlineSince = null;
      link.lastSuccessAt = clock.now();
      link.confirmedAt = startedAt;
    } catch (error) {
      failures += 1;
      link.offlineSince ??= clock.now();
      const kind = error instanceof RegistryError ? error.kind : 'internal';
      link.lastError = { at: new Date(clock.now()).toISOString(), kind, message: (error as Error).message };
      log(`sync failed (${failures} in a row): ${link.lastError.message}`);
      if (!(error instanceof RegistryError)) throw error;
    } finally {
      emit();
    }
  }

  function runNow(): Promise<void> {
    if (cycle) return cycle;
    cycle = runCycle()
      .catch((error: unknown) => log(`sync error: ${(error as Error).stack ?? String(error)}`))
      .finally(() => {
        cycle = null;
      });
    return cycle;
  }

  function schedule(ms: number): void {
    if (!link.running) return;
    if (timer !== null) clock.clearTimeout(timer);
    timerDueAt = clock.now() + ms;
    timer = clock.setTimeout(() => {
      timer = null;
      timerDueAt = Number.POSITIVE_INFINITY;
      void runNow().then(() => schedule(failures > 0 ? backoffDelay(failures, backoff, random) : intervalMs));
    }, ms);
  }

  const sleep = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));

  async function flush(options: { timeoutMs?: number } = {}): Promise<FlushResult> {
    const startedAt = clock.now();
    const deadline = startedAt + (options.timeoutMs ?? 30_000);
    const target = outboxCounts(db).lastSeq;
    const done = () => db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM sync_outbox WHERE seq <= ?').get(target)!.n === 0;
    for (;;) {
      if (!enrolled()) break;
      const remaining = deadline - clock.now();
      if (remaining <= 0) break;
      let timeout: unknown = null;
      await Promise.race([runNow(), new Promise<void>((resolve) => (timeout = clock.setTimeout(resolve, remaining)))]);
      clock.clearTimeout(timeout);
      if (done()) break;
      await sleep(Math.min(1_000, Math.max(0, deadline - clock.now())));
    }
    // Only an error of this flush says why it fell short: one from before the link came back would blame the registry for a timeout.
    const lastError = link.lastError && Date.parse(link.lastError.at) >= startedAt ? link.lastError : null;
    return flushResult(done(), startedAt, outboxCounts(db), { enrolled: enrolled(), lastError }, config.timeZone, openProblems(db));
  }

  return {
    start() {
      if (link.running) return;
      link.running = true;
      schedule(0);
    },
    async stop() {
      link.running = false;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      if (emitSoon !== null) clearImmediate(emitSoon);
      emitSoon = null;
      await cycle;
      emit();
    },
    flush,
    status,
    clockSkewSeconds: () => (link.skewMs === null ? undefined : Math.round(link.skewMs / 1000)),
    onStatus(cb) {
      statusListeners.add(cb);
      return () => statusListeners.delete(cb);
    },
    nudge() {
      emitAfterThisCall();
      // Never later than an upload already due: at 4 people a second, re-arming on each entry postponed it forever.
      const soon = Math.min(intervalMs, NUDGE_MS);
      if (link.running && failures === 0 && !cycle && clock.now() + soon < timerDueAt) schedule(soon);
    },
    downlink: (kind) => readDownlink(db, kind),
    downlinkHead: (kind) => readDownlinkHead(db, kind),
    acknowledgeProblems(by) {
      const n = acknowledgeProblems(db, by, clock.now());
      emit();
      return n;
    },
    onDownlink(cb) {
      downlinkListeners.add(cb);
      return () => downlinkListeners.delete(cb);
    },
  };
}
