// Volunteer shifts and the hand-over summary both volunteers confirm.
import { z } from 'zod';

export const Shift = z.object({
  id: z.string(),
  volunteer: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
});
export type Shift = z.infer<typeof Shift>;

/** What happened on one shift, for the hand-over. */
export const ShiftSummary = z.object({
  shiftId: z.string(),
  volunteer: z.string(),
  from: z.string(),
  to: z.string(),
  entries: z.number().int(),
  passes: z.number().int(),
  refusals: z.number().int(),
  refusalsByReason: z.record(z.string(), z.number().int()),
  fevers: z.number().int(),
  visitors: z.number().int(),
  overrides: z.number().int(),
  /** Entries of the whole kiosk not yet at the registry (not only this shift's). */
  notUploaded: z.number().int(),
  oldestNotUploadedAt: z.string().nullable(),
});
export type ShiftSummary = z.infer<typeof ShiftSummary>;

export const VolunteerCredentials = z.object({
  name: z.string().trim().min(1, 'is empty: type your name').max(60),
  pin: z.string().regex(/^\d{4,8}$/, 'must be 4 to 8 digits'),
});
