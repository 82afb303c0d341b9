// Every renderer-to-core call, defined once: the dispatcher, the HTTP client and the Electron preload all derive from this.
import { z } from 'zod';
import { DeviceStatus, Reading, Scan } from './devices.ts';
import { Entry, EntryFacts } from './entries.ts';
import { HealthCodeResult } from './health-code.ts';
import { Policy } from './policy.ts';

const none = z.object({}).strict();

export const SimScenario = z.enum(['nobody', 'normal', 'fever', 'cold']);

export const Measurement = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), bodyC: z.number(), objectC: z.number().optional(), ambientC: z.number().optional(), readings: z.number(), estimated: z.boolean() }),
  z.object({ ok: z.literal(false), reason: z.string() }),
]);
export type Measurement = z.infer<typeof Measurement>;

export const methods = {
  /** What the screen needs at start: compound, policy and whether devices are simulated. */
  'system.info': {
    input: none,
    output: z.object({ compoundName: z.string(), version: z.string(), policy: Policy, simulatedDevices: z.boolean(), dataDir: z.string() }),
  },
  /** Check a scanned code and say what it is; never a colour when the check failed. The checkId is what entries.record cites. */
  'codes.verify': { input: Scan.pick({ text: true }), output: z.object({ checkId: z.string(), result: HealthCodeResult }) },
  /** Record one pass or refusal; the core decides from the facts and answers only after the row is committed. */
  'entries.record': { input: EntryFacts, output: Entry },
  /** Today's entries, newest first. */
  'entries.today': { input: z.object({ limit: z.number().int().min(1).max(1000).default(50) }), output: z.object({ entries: z.array(Entry), total: z.number() }) },
  /** Take one measurement from the thermometer, using only readings that arrive after this call. */
  'thermometer.measure': { input: z.object({ timeoutMs: z.number().int().min(500).max(30_000).default(8000) }), output: Measurement },
  /** Current state of every device. */
  'devices.status': { input: none, output: z.array(DeviceStatus) },
  /** Drive the simulated thermometer (demos and tests); refused when a real one is attached. */
  'sim.thermometer.scenario': { input: z.object({ scenario: SimScenario }), output: z.object({ scenario: SimScenario }) },
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
/** What a handler receives: the input after zod parsing (defaults applied). */
export type ParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;

export { Reading };
