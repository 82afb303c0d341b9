// The kiosk's sync service: uploads the outbox, pulls district documents, and tells the screen where things stand.
import type Database from 'better-sqlite3';
import { CLOCK_WARNING_SECONDS } from '../../../common/contract/methods/sync.ts';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.ts';
import { buildDailyReport } from './daily-report.ts';
import { applyDownlink, readCredentials, readDownlink, type LocalDownlink } from './kiosk-state.ts';
import { acknowledge, nextBatch, outboxCounts } from './outbox.ts';
import { createRegistryClient, RegistryError, type RegistryClient } from './registry-client.ts';
import { BatchAnswer, DownlinkDoc, DownlinkKind } from '../../../common/wire/schemas.ts';

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

export type SyncState = 'not-enrolled' | 'up-to-date' | 'waiting' | 'offline' | 'stopped';

export interface SyncStatus {
  state: SyncState;
  waiting: number;
  oldestWaitingAt: string | null;
  /** Every entry recorded before this moment is at the registry. */
  upTo: string | null;
  offlineSince: string | null;
  lastSuccessAt: string | null;
  lastError: { at: string; kind: string; message: string } | null;
  /** One line for the volunteer's screen. */
  summary: string;
  /** Kiosk clock minus the registry's, from the last answer's Date header; absent until the registry answered. */
  clockSkewSeconds?: number;
  /** The district's documents held here, with the time since the registry last confirmed each. */
  downlink?: Array<{ kind: DownlinkKind; version: number; ageSeconds: number }>;
}

/**
 * Kiosk clock minus the registry's. The Date header has whole seconds (truncated), so the registry's time is taken
 * half a second later; the kiosk's is the middle of the round trip.
 */
export function clockSkewMs(serverMs: number, sentAtMs: number, receivedAtMs: number): number {
  return (sentAtMs + receivedAtMs) / 2 - (serverMs + 500);
}

export function clockWarning(skewSeconds: number | undefined): string | null {
  if (skewSeconds === undefined || Math.abs(skewSeconds) <= CLOCK_WARNING_SECONDS) return null;
  const minutes = Math.round(Math.abs(skewSeconds) / 60);
  return `kiosk clock is ${skewSeconds > 0 ? 'ahead' : 'behind'} by ${minutes} minute${minutes === 1 ? '' : 's'} compared with the registry: fix the time`;
}

export type FlushResult =
  | { complete: true; upTo: string; message: string }
  | { complete: false; waiting: number; oldestWaitingAt: string | null; why: FlushShortfall; reason: string; message: string };

/** Why a flush left entries waiting, for the screen to say in the volunteer's language. */
export type FlushShortfall = 'not-enrolled' | 'registry-error' | 'timeout';

export interface SyncService {
  start(): void;
  stop(): Promise<void>;
  /** Uploads now, ignoring backoff, until everything recorded before the call is at the registry or the time is up. */
  flush(options?: { timeoutMs?: number }): Promise<FlushResult>;
  status(): SyncStatus;
  onStatus(cb: (status: SyncStatus) => void): () => void;
  /** Call after recording an entry: the status count updates and an upload starts soon. */
  nudge(): void;
  downlink(kind: DownlinkKind): LocalDownlink | null;
  onDownlink(cb: (changed: DownlinkKind[]) => void): () => void;
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

export function formatClock(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
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
  const iso = (ms: number) => new Date(ms).toISOString();

  let running = false;
  let timer: unknown = null;
  let cycle: Promise<void> | null = null;
  let failures = 0;
  let offlineSince: number | null = null;
  let lastSuccessAt: number | null = null;
  let lastError: SyncStatus['lastError'] = null;
  let lastDownlinkAt = Number.NEGATIVE_INFINITY;
  let confirmedAt: number | null = null;
  let skewMs: number | null = null;
  const statusListeners = new Set<(s: SyncStatus) => void>();
  const downlinkListeners = new Set<(k: DownlinkKind[]) => void>();

  function client(): { client: RegistryClient; credentials: { kioskId: string; secret: string } } | null {
    const credentials = readCredentials(db);
    if (!credentials) return null;
    const c = deps.client ?? createRegistryClient({
      url: config.registryUrl ?? credentials.registryUrl,
      certificateSha256: config.certificateSha256,
      now: () => clock.now(),
      timeoutMs: config.requestTimeoutMs,
      onServerDate(serverMs, sentAtMs, receivedAtMs) {
        const before = clockWarning(skewMs === null ? undefined : skewMs / 1000);
        skewMs = clockSkewMs(serverMs, sentAtMs, receivedAtMs);
        const after = clockWarning(skewMs / 1000);
        if (after && !before) log(`WARNING: ${after}`);
      },
    });
    return { client: c, credentials };
  }

  function status(): SyncStatus {
    const counts = outboxCounts(db);
    const enrolled = readCredentials(db) !== null;
    const state: SyncState = !enrolled ? 'not-enrolled' : offlineSince !== null ? 'offline' : counts.waiting > 0 ? 'waiting' : running || confirmedAt !== null ? 'up-to-date' : 'stopped';
    const upTo = counts.waiting > 0 ? counts.oldestWaitingAt : confirmedAt !== null ? iso(confirmedAt) : null;
    const hhmm = (at: string) => formatClock(at, config.timeZone);
    const clockSkewSeconds = skewMs === null ? undefined : Math.round(skewMs / 1000);
    const warning = clockWarning(clockSkewSeconds);
    const line =
      state === 'not-enrolled' ? `Not enrolled with the registry: ${counts.waiting} entries kept on this kiosk`
      : state === 'offline' ? `Offline since ${hhmm(iso(offlineSince!))}: ${counts.waiting} waiting`
      : state === 'waiting' ? `${counts.waiting} waiting to upload`
      : state === 'up-to-date' ? `Up to date${upTo ? ` (${hhmm(upTo)})` : ''}`
      : `Sync stopped: ${counts.waiting} waiting`;
    const summary = warning ? `${line}; ${warning}` : line;
    const downlink = DownlinkKind.options.flatMap((kind) => {
      const doc = readDownlink(db, kind);
      return doc ? [{ kind, version: doc.version, ageSeconds: Math.max(0, Math.round((clock.now() - Date.parse(doc.checkedAt)) / 1000)) }] : [];
    });
    return {
      state,
      waiting: counts.waiting,
      oldestWaitingAt: counts.oldestWaitingAt,
      upTo,
      offlineSince: offlineSince === null ? null : iso(offlineSince),
      lastSuccessAt: lastSuccessAt === null ? null : iso(lastSuccessAt),
      lastError,
      summary,
      ...(clockSkewSeconds === undefined ? {} : { clockSkewSeconds }),
      downlink,
    };
  }

  function emit(): void {
    if (statusListeners.size === 0) return;
    const s = status();
    for (const cb of statusListeners) cb(s);
  }

  /** Sends batches until the outbox is empty; throws on the first failure. */
  async function uploadAll(c: RegistryClient, credentials: { kioskId: string; secret: string }): Promise<void> {
    for (;;) {
      const batch = nextBatch(db, batchSize);
      if (batch.length === 0) return;
      const raw = await c.request('POST', '/v1/entries', { entries: batch }, credentials);
      const answer = BatchAnswer.safeParse(raw);
      if (!answer.success) throw new RegistryError('bad-answer', 'the registry answered the upload with something unexpected');
      const accepted = new Set([...answer.data.stored, ...answer.data.duplicates]);
      const conflicts = new Set(answer.data.conflicts);
      acknowledge(db, batch, accepted, conflicts, clock.now());
      if (conflicts.size > 0) log(`registry reported ${conflicts.size} conflicting entries; kept aside in sync_rejected`);
      if (batch.every((e) => !accepted.has(e.id) && !conflicts.has(e.id))) {
        throw new RegistryError('bad-answer', 'the registry accepted none of the batch');
      }
      emit();
    }
  }

  async function exchangeDownlink(c: RegistryClient, credentials: { kioskId: string; secret: string }): Promise<void> {
    const docs: DownlinkDoc[] = [];
    for (const kind of DownlinkKind.options) {
      const doc = DownlinkDoc.safeParse(await c.request('GET', `/v1/downlink/${kind}`, undefined, credentials));
      if (!doc.success || doc.data.kind !== kind) throw new RegistryError('bad-answer', `the registry sent a malformed ${kind} document`);
      docs.push(doc.data);
    }
    const changed = applyDownlink(db, docs, clock.now());
    if (changed.length > 0) for (const cb of downlinkListeners) cb(changed);
    const today = new Date(clock.now());
    for (const ms of [today.getTime() - 86_400_000, today.getTime()]) {
      const report = buildDailyReport(db, ms, config.timeZone);
      if (report) await c.request('POST', '/v1/reports/daily', report, credentials);
    }
    lastDownlinkAt = clock.now();
  }

  async function runCycle(): Promise<void> {
    const link = client();
    if (!link) return;
    try {
      const startedAt = clock.now();
      await uploadAll(link.client, link.credentials);
      if (clock.now() - lastDownlinkAt >= downlinkIntervalMs) await exchangeDownlink(link.client, link.credentials);
      failures = 0;
      offlineSince = null;
      lastSuccessAt = clock.now();
      confirmedAt = startedAt;
    } catch (error) {
      failures += 1;
      offlineSince ??= clock.now();
      const kind = error instanceof RegistryError ? error.kind : 'internal';
      lastError = { at: iso(clock.now()), kind, message: (error as Error).message };
      log(`sync failed (${failures} in a row): ${lastError.message}`);
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
    if (!running) return;
    if (timer !== null) clock.clearTimeout(timer);
    timer = clock.setTimeout(() => {
      timer = null;
      void runNow().then(() => schedule(failures > 0 ? backoffDelay(failures, backoff, random) : intervalMs));
    }, ms);
  }

  const sleep = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms));

  return {
    start() {
      if (running) return;
      running = true;
      schedule(0);
    },
    async stop() {
      running = false;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      await cycle;
      emit();
    },
    async flush(options = {}) {
      const timeoutMs = options.timeoutMs ?? 30_000;
      const startedAt = clock.now();
      const deadline = startedAt + timeoutMs;
      const target = outboxCounts(db).lastSeq;
      const done = () => db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM sync_outbox WHERE seq <= ?').get(target)!.n === 0;
      for (;;) {
        if (!readCredentials(db)) break;
        const remaining = deadline - clock.now();
        if (remaining <= 0) break;
        let timeout: unknown = null;
        await Promise.race([runNow(), new Promise<void>((resolve) => (timeout = clock.setTimeout(resolve, remaining)))]);
        clock.clearTimeout(timeout);
        if (done()) break;
        await sleep(Math.min(1_000, Math.max(0, deadline - clock.now())));
      }
      const counts = outboxCounts(db);
      if (done()) {
        const upTo = iso(startedAt);
        return { complete: true, upTo, message: `Everything up to ${formatClock(upTo, config.timeZone)} is at the registry.` };
      }
      const why: FlushShortfall = !readCredentials(db) ? 'not-enrolled' : lastError ? 'registry-error' : 'timeout';
      const reason = why === 'not-enrolled' ? 'this kiosk is not enrolled with the registry' : (lastError?.message ?? 'the upload did not finish in time');
      const since = counts.oldestWaitingAt ? ` since ${formatClock(counts.oldestWaitingAt, config.timeZone)}` : '';
      return {
        complete: false,
        waiting: counts.waiting,
        oldestWaitingAt: counts.oldestWaitingAt,
        why,
        reason,
        message: `${counts.waiting} entries${since} are still waiting: ${reason}. They are kept on this kiosk and will be sent when the registry can be reached.`,
      };
    },
    status,
    onStatus(cb) {
      statusListeners.add(cb);
      return () => statusListeners.delete(cb);
    },
    nudge() {
      emit();
      if (running && failures === 0 && !cycle) schedule(Math.min(intervalMs, 500));
    },
    downlink: (kind) => readDownlink(db, kind),
    onDownlink(cb) {
      downlinkListeners.add(cb);
      return () => downlinkListeners.delete(cb);
    },
  };
}
