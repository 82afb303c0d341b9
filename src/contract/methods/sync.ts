import { z } from 'zod';

export const SyncStatus = z.object({
  state: z.enum(['not-enrolled', 'up-to-date', 'waiting', 'offline', 'stopped']),
  waiting: z.number(),
  oldestWaitingAt: z.string().nullable(),
  /** Every entry recorded before this moment is at the registry. */
  upTo: z.string().nullable(),
  offlineSince: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.object({ at: z.string(), kind: z.string(), message: z.string() }).nullable(),
  summary: z.string(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const FlushResult = z.discriminatedUnion('complete', [
  z.object({ complete: z.literal(true), upTo: z.string(), message: z.string() }),
  z.object({ complete: z.literal(false), waiting: z.number(), oldestWaitingAt: z.string().nullable(), reason: z.string(), message: z.string() }),
]);

export const syncMethods = {
  /** Where the upload to the registry stands, for the one-glance badge. */
  'sync.status': { input: z.object({}).strict(), output: SyncStatus },
  /** Upload everything now (end of shift) and say up to when the registry has it, or what is waiting and why. */
  'sync.flush': { input: z.object({ timeoutMs: z.number().int().min(1000).max(120_000).default(20_000) }), output: FlushResult },
} as const;
