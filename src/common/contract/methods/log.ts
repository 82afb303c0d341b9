import { z } from 'zod';
import { defineMethods } from './define.ts';
import { LogFilter, LogRow } from '../console.ts';
import { Entry } from '../entries.ts';

export const logMethods = defineMethods({
  /** One page of the log for a day or range with filters, newest first; names and identifiers masked; the total is exact or a stated lower bound. */
  'log.query': {
    access: 'manager',
    input: z.object({ filter: LogFilter, offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(2000).default(500) }),
    output: z.object({
      total: z.number(),
      /** True when counting stopped at a cap: at least `total` rows match (shown as "10,000+"). */
      totalIsLowerBound: z.boolean(),
      offset: z.number(),
      rows: z.array(LogRow),
    }),
  },
  /** One entry with every check and reading; the name and identifier stay masked. */
  'log.entry': {
    access: 'manager',
    input: z.object({ id: z.string().min(1).max(64) }),
    output: z.object({ entry: Entry, row: LogRow }),
  },
  /** The full name and identifiers of one entry, for a stated reason. Audited. */
  'log.reveal': {
    access: 'manager',
    input: z.object({ id: z.string().min(1).max(64), reason: z.string().trim().min(4, 'is too short: say why you need the full identity').max(200) }),
    output: z.object({ name: z.string().nullable(), maskedId: z.string().nullable(), holderName: z.string().nullable(), household: z.string().nullable(), plate: z.string().nullable(), phone: z.string().nullable() }),
  },
  /** The volunteer shifts that recorded entries in a day or range, for the shift filter. */
  'log.shifts': {
    access: 'manager',
    input: z.object({ from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }),
    output: z.object({ shifts: z.array(z.object({ id: z.string(), volunteer: z.string(), startedAt: z.string(), endedAt: z.string().nullable() })) }),
  },
});
