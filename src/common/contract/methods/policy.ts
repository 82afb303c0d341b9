import { z } from 'zod';
import { defineMethods } from './define.ts';
import { ManagerCredentials } from '../console.ts';
import { Policy, PolicyVersion } from '../policy.ts';

export const policyMethods = defineMethods({
  /** The policy in force and its version. */
  'policy.get': { access: 'volunteer', input: z.object({}).strict(), output: PolicyVersion },
  /** Earlier versions, newest first, with who changed them and when. */
  'policy.history': { access: 'manager', input: z.object({ limit: z.number().int().min(1).max(500).default(50) }), output: z.object({ versions: z.array(PolicyVersion) }) },
  /** A manager saves a new version; refused when someone saved another since basedOnVersion. Audited. */
  'policy.update': {
    access: 'manager-or-credentials',
    input: z.object({
      policy: Policy,
      basedOnVersion: z.number().int().min(0),
      note: z.string().trim().max(200).optional(),
      /** A manager's sign-in when the caller has no manager session (the kiosk screen). */
      manager: ManagerCredentials.optional(),
    }),
    output: PolicyVersion,
  },
});
