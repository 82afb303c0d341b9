// Where the link to the registry stands, in one value for the badge: pure, from the outbox counts and the link's state.
import { CLOCK_WARNING_SECONDS, type FlushResult, type FlushShortfall, type RegistryProblem, type SyncStatus } from '../../../common/contract/methods/sync.ts';
import { clockHHMM } from '../../../common/local-time.ts';
import type { DownlinkHead } from './kiosk-state.ts';
import type { OutboxCounts } from './outbox.ts';

/** What the sync service knows about its link, beside the outbox. Times are milliseconds. */
export interface LinkState {
  enrolled: boolean;
  running: boolean;
  offlineSince: number | null;
  lastSuccessAt: number | null;
  lastError: SyncStatus['lastError'];
  /** Everything recorded before this moment is at the registry. */
  confirmedAt: number | null;
  /** Kiosk clock minus the registry's, from the last answer. */
  skewMs: number | null;
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

const iso = (ms: number) => new Date(ms).toISOString();

/** "entries 5–7 missing at the registry" and the like, in one line. */
export function problemsLine(problems: RegistryProblem[]): string {
  const first = problems[0]!;
  const what = first.log === 'audit' ? 'audit records' : 'entries';
  return `the registry reports ${problems.length} problem${problems.length === 1 ? '' : 's'} with its copy (${first.kind}: ${what} ${first.fromSeq}–${first.toSeq}): a manager should tell the district and acknowledge it`;
}

export function syncStatus(link: LinkState, counts: OutboxCounts, downlinks: readonly DownlinkHead[], nowMs: number, timeZone: string, problems: RegistryProblem[] = []): SyncStatus {
  const state: SyncStatus['state'] = !link.enrolled ? 'not-enrolled' : link.offlineSince !== null ? 'offline' : counts.waiting > 0 ? 'waiting' : problems.length > 0 ? 'problems' : link.running || link.confirmedAt !== null ? 'up-to-date' : 'stopped';
  const upTo = counts.waiting > 0 ? counts.oldestWaitingAt : link.confirmedAt !== null ? iso(link.confirmedAt) : null;
  const hhmm = (at: string) => clockHHMM(at, timeZone);
  const clockSkewSeconds = link.skewMs === null ? undefined : Math.round(link.skewMs / 1000);
  const warning = clockWarning(clockSkewSeconds);
  const line =
    state === 'not-enrolled' ? `Not enrolled with the registry: ${counts.waiting} entries kept on this kiosk`
    : state === 'offline' ? `Offline since ${hhmm(iso(link.offlineSince!))}: ${counts.waiting} waiting`
    : state === 'waiting' ? `${counts.waiting} waiting to upload`
    : state === 'problems' ? `Sent, but ${problemsLine(problems)}`
    : state === 'up-to-date' ? `Up to date${upTo ? ` (${hhmm(upTo)})` : ''}`
    : `Sync stopped: ${counts.waiting} waiting`;
  return {
    state,
    waiting: counts.waiting,
    oldestWaitingAt: counts.oldestWaitingAt,
    upTo,
    offlineSince: link.offlineSince === null ? null : iso(link.offlineSince),
    lastSuccessAt: link.lastSuccessAt === null ? null : iso(link.lastSuccessAt),
    lastError: link.lastError,
    summary: warning ? `${line}; ${warning}` : line,
    ...(clockSkewSeconds === undefined ? {} : { clockSkewSeconds }),
    downlink: downlinks.map((doc) => ({ kind: doc.kind, version: doc.version, ageSeconds: Math.max(0, Math.round((nowMs - Date.parse(doc.checkedAt)) / 1000)) })),
    ...(problems.length > 0 ? { problems } : {}),
  };
}

/** The hand-over's answer: up to when the registry has everything, or what is still waiting and why. */
export function flushResult(done: boolean, startedAt: number, counts: OutboxCounts, link: Pick<LinkState, 'enrolled' | 'lastError'>, timeZone: string, problems: RegistryProblem[] = []): FlushResult {
  // Sent is not held: while the registry says its copy of the entry log has gaps or breaks, nothing claims it is complete.
  const entryProblems = problems.filter((p) => p.log === 'entries');
  if (done && entryProblems.length > 0) {
    const reason = problemsLine(entryProblems);
    return { complete: false, waiting: counts.waiting, oldestWaitingAt: counts.oldestWaitingAt, why: 'registry-problems', reason, message: `Everything was sent, but ${reason}.`, problems: entryProblems };
  }
  if (done) {
    const upTo = iso(startedAt);
    return { complete: true, upTo, message: `Everything up to ${clockHHMM(upTo, timeZone)} is at the registry.` };
  }
  const why: FlushShortfall = !link.enrolled ? 'not-enrolled' : link.lastError ? 'registry-error' : 'timeout';
  const reason = why === 'not-enrolled' ? 'this kiosk is not enrolled with the registry' : (link.lastError?.message ?? 'the upload did not finish in time');
  const since = counts.oldestWaitingAt ? ` since ${clockHHMM(counts.oldestWaitingAt, timeZone)}` : '';
  return {
    complete: false,
    waiting: counts.waiting,
    oldestWaitingAt: counts.oldestWaitingAt,
    why,
    reason,
    message: `${counts.waiting} entries${since} are still waiting: ${reason}. They are kept on this kiosk and will be sent when the registry can be reached.`,
  };
}
