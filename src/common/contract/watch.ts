// District watch lists as the gate sees them: the kinds of listing and what an entry records of a match.
import { z } from 'zod';

export const WatchKind = z.enum([
  /** Under home quarantine (居家隔离): refused going out. */
  'quarantine',
  /** A household under home quarantine: every member is refused going out. */
  'household-quarantine',
  /** Red status without a smartphone: refused as a red code would be, whatever card is shown. */
  'red',
  /** Yellow status without a smartphone: refused as a yellow code would be. */
  'yellow',
  /** To be followed up (returnee, recovered patient): passes, the volunteer sees a discreet notice. */
  'follow-up',
]);
export type WatchKind = z.infer<typeof WatchKind>;

/** What an entry records of a watch-list match: the list version and each matching row. */
export const WatchHit = z.object({
  version: z.number().int().min(1),
  hits: z.array(z.object({ kind: WatchKind, ref: z.number().int().min(1) })).min(1).max(8),
});
export type WatchHit = z.infer<typeof WatchHit>;

