import { z } from 'zod';
import { defineMethods } from './define.ts';

/** A problem the registry reported in its answer to an upload (a gap, an altered or unlinked entry or audit record). */
export const RegistryProblem = z.object({
  log: z.enum(['entries', 'audit']),
  kind: z.string(),
  fromSeq: z.number(),
  toSeq: z.number(),
  detail: z.string(),
  reportedAt: z.string(),
});
export type RegistryProblem = z.infer<typeof RegistryProblem>;

export const SyncStatus = z.object({
  /** 'problems': everything was sent, but the registry reports that its copy has gaps or breaks (until acknowledged). */
  state: z.enum(['not-enrolled', 'up-to-date', 'waiting', 'offline', 'stopped', 'problems']),
  waiting: z.number(),
  oldestWaitingAt: z.string().nullable(),
  /** Every entry recorded before this moment is at the registry. */
  upTo: z.string().nullable(),
  offlineSince: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.object({ at: z.string(), kind: z.string(), message: z.string() }).nullable(),
  summary: z.string(),
  /** Kiosk clock minus the registry's, as of the last answer; absent until the registry answered once. */
  clockSkewSeconds: z.number().optional(),
  /** The district's documents as this kiosk holds them; age is since the registry last confirmed each is current. */
  downlink: z.array(z.object({ kind: z.string(), version: z.number(), ageSeconds: z.number() })).optional(),
  /** What the registry reported and no manager has acknowledged yet, newest first. */
  problems: z.array(RegistryProblem).optional(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

/** A kiosk clock further off than this from the registry's is shown as wrong (codes allow 120 s of skew). */
export const CLOCK_WARNING_SECONDS = 120;

/** Why a flush left entries waiting, for the screen to say in the volunteer's language. */
/** 'sample-data': the kiosk holds sample data or is a training kiosk, so nothing goes up (issue 19). */
export const FlushShortfall = z.enum(['not-enrolled', 'registry-error', 'timeout', 'registry-problems', 'sample-data']);
export type FlushShortfall = z.infer<typeof FlushShortfall>;

export const FlushResult = z.discriminatedUnion('complete', [
  z.object({ complete: z.literal(true), upTo: z.string(), message: z.string() }),
  z.object({ complete: z.literal(false), waiting: z.number(), oldestWaitingAt: z.string().nullable(), why: FlushShortfall, reason: z.string(), message: z.string(), problems: z.array(RegistryProblem).optional() }),
]);
export type FlushResult = z.infer<typeof FlushResult>;

export const syncMethods = defineMethods({
  /** Where the upload to the registry stands, for the one-glance badge. */
  'sync.status': { access: 'volunteer', input: z.object({}).strict(), output: SyncStatus },
  /** Upload everything now (end of shift) and say up to when the registry has it, or what is waiting and why. */
  'sync.flush': { access: 'volunteer', input: z.object({ timeoutMs: z.number().int().min(1000).max(120_000).default(20_000) }), output: FlushResult },
  /** A manager has read the registry's reported problems (and told the district): they stop showing. Audited. */
  'sync.acknowledgeProblems': { access: 'manager', input: z.object({ note: z.string().trim().min(2).max(200) }), output: z.object({ acknowledged: z.number() }) },
});
