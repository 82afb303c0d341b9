import { z } from 'zod';
import { DeviceStatus } from '../devices.ts';

export const SimScenario = z.enum(['nobody', 'normal', 'fever', 'cold']);

export const Measurement = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), bodyC: z.number(), objectC: z.number().optional(), ambientC: z.number().optional(), readings: z.number(), estimated: z.boolean(), note: z.string().optional() }),
  z.object({ ok: z.literal(false), reason: z.string() }),
]);
export type Measurement = z.infer<typeof Measurement>;

export const deviceMethods = {
  /** Take one measurement from the thermometer, using only readings that arrive after this call. */
  'thermometer.measure': { input: z.object({ timeoutMs: z.number().int().min(500).max(30_000).default(8000) }), output: Measurement },
  /** Current state of every device. */
  'devices.status': { input: z.object({}).strict(), output: z.array(DeviceStatus) },
  /** Drive the simulated thermometer (demos and tests); refused when a real one is attached. */
  'sim.thermometer.scenario': { input: z.object({ scenario: SimScenario }), output: z.object({ scenario: SimScenario }) },
} as const;
