import { z } from 'zod';
import { defineMethods } from './define.ts';
import { DeviceStatus } from '../devices.ts';

export const SimScenario = z.enum(['nobody', 'normal', 'fever', 'cold']);

export const Measurement = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), bodyC: z.number(), objectC: z.number().optional(), ambientC: z.number().optional(), readings: z.number(), estimated: z.boolean(), note: z.string().optional() }),
  z.object({ ok: z.literal(false), reason: z.string() }),
]);
export type Measurement = z.infer<typeof Measurement>;

export const deviceMethods = defineMethods({
  /** The saved device settings, the protocols, and the serial ports and HID scanners plugged in now. */
  'devices.settings.get': {
    access: 'manager',
    input: z.object({}).strict(),
    output: z.object({
      config: z.record(z.string(), z.unknown()),
      protocols: z.array(z.string()),
      serialPorts: z.array(z.object({ path: z.string(), vendorId: z.string().nullable(), productId: z.string().nullable(), manufacturer: z.string().nullable() })),
      serialError: z.string().nullable(),
      hidScanners: z.array(z.object({ vendorId: z.string(), productId: z.string(), product: z.string().nullable(), path: z.string().nullable() })),
      hidError: z.string().nullable(),
    }),
  },
  /** Save device settings (the schema of config.json's "devices"); they apply at the next start. Admins only. Audited. */
  'devices.settings.save': { access: 'admin', input: z.object({ config: z.record(z.string(), z.unknown()) }), output: z.object({ saved: z.literal(true), restartNeeded: z.literal(true) }) },
  /** Open a thermometer with these settings on its own and take one measurement, before saving them. Admins only. */
  'devices.settings.testRead': {
    access: 'admin',
    input: z.object({ thermometer: z.record(z.string(), z.unknown()), timeoutMs: z.number().int().min(1000).max(30_000).default(8000) }),
    output: Measurement,
  },
  /** Ask the ID card reader at these settings for its SAM module's status, before saving them (issue 15). Admins only. */
  'devices.settings.testIdReader': {
    access: 'admin',
    input: z.object({ idReader: z.record(z.string(), z.unknown()) }),
    output: z.object({ ok: z.boolean(), detail: z.string() }),
  },
  /** Take one measurement from the thermometer, using only readings that arrive after this call. */
  'thermometer.measure': { access: 'volunteer', input: z.object({ timeoutMs: z.number().int().min(500).max(30_000).default(8000) }), output: Measurement },
  /** Current state of every device. */
  'devices.status': { access: 'volunteer', input: z.object({}).strict(), output: z.array(DeviceStatus) },
  /** Drive the simulated thermometer (demos and tests); refused when a real one is attached. */
  'sim.thermometer.scenario': { access: 'volunteer', input: z.object({ scenario: SimScenario }), output: z.object({ scenario: SimScenario }) },
  /** Unplug the simulated thermometer or plug it back in (a manager's demo of a device failure); refused when a real one is attached. */
  'sim.thermometer.plug': { access: 'manager', input: z.object({ plugged: z.boolean() }), output: z.object({ plugged: z.boolean() }) },
});
