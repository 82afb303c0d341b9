import { z } from 'zod';
import { defineMethods } from './define.ts';
import { Password, Username } from '../console.ts';

export const setupMethods = defineMethods({
  /**
   * Whether the kiosk still needs its first-start setup, its name, and the LAN address and certificate fingerprint.
   * On the network before a sign-in: only that a sign-in is needed (and, to a browser on the kiosk PC itself, whether
   * setup is still to do).
   */
  'setup.status': {
    access: 'public',
    input: z.object({}).strict(),
    output: z.discriminatedUnion('signInRequired', [
      z.object({ signInRequired: z.literal(true), needsSetup: z.boolean() }).strict(),
      z.object({
        signInRequired: z.literal(false),
        needsSetup: z.boolean(),
        compoundName: z.string(),
        compoundCode: z.string(),
        lan: z.object({ url: z.string(), fingerprint: z.string() }).nullable(),
      }),
    ]),
  },
  /** First start: compound, the first manager, policy defaults, registry address (may be empty), devices. Only on this PC, only once. */
  'setup.complete': {
    access: 'public',
    input: z.object({
      compoundName: z.string().trim().min(1).max(60),
      compoundCode: z.string().trim().min(1).max(40),
      manager: z.object({ username: Username, displayName: z.string().trim().min(1).max(60), password: Password }),
      feverLineC: z.number().min(36.5).max(39).default(37.3),
      retentionDays: z.number().int().min(1).max(3650).default(28),
      registryUrl: z.union([z.literal(''), z.url()]).default(''),
      thermometer: z.enum(['simulated', 'serial']).default('simulated'),
      thermometerPath: z.string().max(200).optional(),
      thermometerProtocol: z.string().max(40).optional(),
      scanner: z.enum(['wedge', 'hid-pos', 'serial', 'camera', 'simulated']).default('wedge'),
    }),
    output: z.object({ done: z.literal(true) }),
  },
});
