import { z } from 'zod';
import { defineMethods } from './define.ts';

/** Whether the kiosk holds the sample compound (first start's "try it with sample data") or runs as a training kiosk. */
export const SampleStatus = z.object({
  /** Sample data is loaded: every screen says so, nothing goes to the registry, and it must be removed before real use. */
  sample: z.boolean(),
  /** A training kiosk (`gate-kiosk serve --training`): its own data folder with the sample data, never a registry. */
  training: z.boolean(),
  loadedAt: z.string().nullable(),
});
export type SampleStatus = z.infer<typeof SampleStatus>;

/** The accounts the sample made, with their secrets: shown once, never again. */
export const SampleAccounts = z.object({
  manager: z.object({ username: z.string(), displayName: z.string(), password: z.string() }),
  volunteers: z.array(z.object({ username: z.string(), displayName: z.string(), pin: z.string() })),
});

/** One code of the demo sheet: what it is, the result the gate gives it, and its QR text. */
export const DemoCode = z.object({
  kind: z.enum(['green', 'yellow', 'red', 'expired-screenshot', 'relative', 'resident-card', 'commuter', 'dcc']),
  /** What codes.verify answers for it (the colour the sheet prints). */
  expect: z.enum(['green', 'yellow', 'red', 'review', 'invalid', 'error']),
  /** For cards: the roster person the gate finds (resident or fast-lane commuter). */
  person: z.object({ name: z.string(), household: z.string(), kind: z.enum(['resident', 'commuter']) }).optional(),
  text: z.string(),
});
export type DemoCode = z.infer<typeof DemoCode>;

export const DemoSheet = z.object({ compoundName: z.string(), issuedAt: z.string(), validUntil: z.string(), codes: z.array(DemoCode) });
export type DemoSheet = z.infer<typeof DemoSheet>;

export const demoMethods = defineMethods({
  /** Sample data or training: every screen shows a banner while either holds. */
  'demo.status': { access: 'volunteer', input: z.object({}).strict(), output: SampleStatus },
  /**
   * First start: load the sample compound (households, residents, commuters, a vehicle, volunteer accounts, a peak
   * window). Only on this PC, only before setup and before anything was recorded or enrolled. The accounts' secrets are
   * in the answer, once. Audited.
   */
  'demo.load': { access: 'public', input: z.object({}).strict(), output: z.object({ loaded: z.literal(true), accounts: SampleAccounts, households: z.number(), residents: z.number() }) },
  /** Remove the sample data in one step before real use: roster, accounts, entries, codes and keys it made. Admins. Audited. */
  'demo.remove': {
    access: 'admin',
    input: z.object({ confirm: z.literal('remove sample data') }),
    output: z.object({ removed: z.object({ households: z.number(), residents: z.number(), vehicles: z.number(), accounts: z.number(), entries: z.number() }) }),
  },
  /** Fresh codes to scan (short-lived ones expire in minutes): green, yellow, red, an old screenshot, a relative's, cards, a DCC. Audited. */
  'demo.sheet': { access: 'manager', input: z.object({}).strict(), output: DemoSheet },
});
