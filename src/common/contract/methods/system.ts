import { z } from 'zod';
import { defineMethods } from './define.ts';
import { Policy } from '../policy.ts';

export const none = z.object({}).strict();

/** The keyboard-wedge thresholds the page applies (see keyboard-wedge.ts). */
export const WedgeSettings = z.object({
  maxMedianGapMs: z.number(),
  maxGapMs: z.number(),
  silenceMs: z.number(),
  suffixes: z.array(z.string()),
  requireSuffix: z.boolean(),
  minLength: z.number(),
  progressEvery: z.number(),
  decodeFrom: z.enum(['code', 'key']),
});

export const systemMethods = defineMethods({
  /** What the screen needs at start: compound, policy and whether devices are simulated. */
  'system.info': {
    access: 'volunteer',
    input: none,
    output: z.object({ compoundName: z.string(), version: z.string(), timeZone: z.string(), policy: Policy, simulatedDevices: z.boolean(), dataDir: z.string(), scanner: z.object({ mode: z.enum(['wedge', 'hid-pos', 'serial', 'camera', 'simulated']), wedge: WedgeSettings }), /** Where the nearest nucleic-acid sampling point is (the compound's settings), when set. */ samplingPoint: z.string().optional() }),
  },
});
