import { z } from 'zod';
import { defineMethods } from './define.ts';
import { WatchKind } from '../watch.ts';

/** The district watch list as this kiosk holds it: for the gate's header (its age) and the console. */
export const WatchStatus = z.object({
  /** Enrolled with a watch-list key: lists can be received and matched. */
  keyed: z.boolean(),
  /** 0 until the district has published a list. */
  version: z.number().int(),
  /** Since the registry last confirmed (signed) the list is current; null before the first exchange. */
  ageSeconds: z.number().nullable(),
  publishedAt: z.string().nullable(),
  rows: z.number().int(),
  byKind: z.partialRecord(WatchKind, z.number().int()),
  /** Residents with an ID number on file whose watch token is not known yet (hashed before enrolment). */
  residentsWithoutToken: z.number().int(),
});
export type WatchStatus = z.infer<typeof WatchStatus>;

export const watchMethods = defineMethods({
  /** The district watch list in force here: version, age and counts by kind (never who is on it). */
  'watch.status': { access: 'volunteer', input: z.object({}).strict(), output: WatchStatus },
});
