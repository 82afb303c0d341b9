import { z } from 'zod';
import { defineMethods } from './define.ts';
import { LogFilter, LogStats } from '../console.ts';

export const statsMethods = defineMethods({
  /** Figures for a day or range with the log's filters: per hour, refusals by reason, fevers, fast lane, peak pace, per shift. */
  'stats.summary': { access: 'manager', input: z.object({ filter: LogFilter }), output: LogStats },
});
