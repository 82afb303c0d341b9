import { z } from 'zod';
import { Scan } from '../devices.ts';
import { Entry, EntryFacts } from '../entries.ts';
import { HealthCodeResult } from '../health-code.ts';

export const checkpointMethods = {
  /** Check a scanned code and say what it is; never a colour when the check failed. The checkId is what entries.record cites. */
  'codes.verify': { input: Scan.pick({ text: true }), output: z.object({ checkId: z.string(), result: HealthCodeResult }) },
  /** Record one pass or refusal; the core decides from the facts and answers only after the row is committed. */
  'entries.record': { input: EntryFacts, output: Entry },
  /** Today's entries, newest first. */
  'entries.today': { input: z.object({ limit: z.number().int().min(1).max(1000).default(50) }), output: z.object({ entries: z.array(Entry), total: z.number() }) },
} as const;
