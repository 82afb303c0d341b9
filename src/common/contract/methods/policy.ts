import { z } from 'zod';
import { Policy, PolicyVersion } from '../policy.ts';

export const policyMethods = {
  /** The policy in force and its version. */
  'policy.get': { input: z.object({}).strict(), output: PolicyVersion },
  /** Earlier versions, newest first, with who changed them and when. */
  'policy.history': { input: z.object({ limit: z.number().int().min(1).max(500).default(50) }), output: z.object({ versions: z.array(PolicyVersion) }) },
  /** A manager saves a new version; refused when someone saved another since basedOnVersion. Audited. */
  'policy.update': {
    input: z.object({
      policy: Policy,
      basedOnVersion: z.number().int().min(0),
      note: z.string().trim().max(200).optional(),
      /** A manager's sign-in when the caller has no manager session (the kiosk screen). */
      manager: z.object({ username: z.string().min(1).max(60), secret: z.string().min(1).max(200) }).optional(),
    }),
    output: PolicyVersion,
  },
} as const;
