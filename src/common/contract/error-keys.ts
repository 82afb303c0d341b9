// What exactly went wrong, as a key the screen words in the chosen language (renderer/i18n/messages-errors.ts).
// Each area adds its own lines here; the type checker then insists on words for each key in both languages.
import { z } from 'zod';

export const ErrorKey = z.enum([
  // --- The call itself ---
  /** A field failed the contract's check: {field}, {rule} (IssueRule), and {limit} when there is one. */
  'invalid-input',
  'unknown-method',
  'service-down',
  'unexpected',
  'database-damaged',
  // --- Who may do what ---
  'sign-in-first-lan',
  'manager-must-authorise',
  /** {name} {role}: the person signed in cannot authorise this. */
  'role-cannot-authorise',
  'session-ended',
  /** {role}: the least role the call needs. */
  'sign-in-as',
  /** {role} has, {needs} is needed. */
  'role-cannot-do',
  'wrong-credentials',
  'wrong-pin',
  /** {seconds} to wait. */
  'too-many-attempts',
  'password-not-pin',
  'type-password',
  'password-on-network',
  'hashing-busy',
  // --- Accounts ---
  'pin-length',
  'pin-guessable',
  'account-not-found',
  /** {min} characters. */
  'password-needed',
  'pin-or-password-needed',
  /** {username} */
  'username-taken',
  'own-role',
  'own-account-off',
  'admin-for-managers',
  // --- ID numbers, phones, plates, households ---
  'id-checksum',
  /** {digits} */
  'id-length',
  'id-shape',
  'phone-shape',
  /** {plate} */
  'plate-shape',
  /** {household}: what was typed. */
  'household-shape',
  /** {plate} */
  'plate-not-on-roster',
  /** {household} */
  'household-not-on-roster',
  'household-not-found',
  'household-not-empty',
  'resident-not-on-roster',
  'vehicle-not-found',
  'vehicle-other-household',
  'not-a-commuter',
  'visitor-not-on-file',
  'visitor-name-missing',
  'no-card-key',
  /** {plate} */
  'plate-taken',
  'resident-taken',
  /** {household} */
  'household-taken',
  // --- Roster import ---
  'import-empty',
  'import-not-xlsx',
  'import-no-sheet',
  /** {missing} columns, {expected} columns (their Chinese names). */
  'import-columns-missing',
  /** {household} */
  'import-household-first',
  /** {name} {household} */
  'import-resident-first',
  /** {plate} */
  'import-vehicle-first',
  'import-row-unsaved',
  'import-rollback-partial',
  // --- Shifts and the gate ---
  'nobody-on-duty',
  /** {name} is on duty. */
  'someone-on-duty',
  'shift-without-account',
  'shift-changed',
  'incoming-same-person',
  'no-roster',
  'no-visitors',
  'not-signed-on',
  'no-overrides',
  'code-check-expired',
  'override-expired',
  'log-damaged-not-recorded',
  'disk-full-not-recorded',
  /** Any other write on a full disk (signing on, saving a visitor): nothing was saved. */
  'disk-full-not-saved',
  'log-unwritable-not-recorded',
  'entry-gone',
  // --- Issue 13 (gate flow): whose code it is, scans that are no code, whose PIN was wrong ---
  /** {holder}: the name on the code. */
  'holder-unconfirmed',
  /** A no-phone entry whose ID card (by its keyed hash) belongs to someone other than the person chosen. */
  'card-not-person',
  'not-a-health-code',
  /** {who}: outgoing | incoming. */
  'hand-over-wrong-pin',
  /** {plate} {province} {suggestion}: a plate typed without its province character. */
  'plate-without-province',
  // --- Policy, setup, devices, exports ---
  /** {version} */
  'policy-damaged',
  /** {version} {by} {yours} */
  'policy-changed-meanwhile',
  'already-set-up',
  'set-up-locally',
  'real-thermometer',
  /** {why}: the fields that are wrong. */
  'device-settings-invalid',
  'pdf-in-app-only',
  'console-worker-stopped',
  'kiosk-stopping',
  // --- Sample data and training (issue 19) ---
  'sample-already-loaded',
  'sample-kiosk-set-up',
  'sample-kiosk-used',
  'sample-kiosk-enrolled',
  'sample-load-locally',
  'sample-none',
  'sample-needed',
  'sample-keys-missing',
  'sample-training-keep',
  // --- ID cards, no phone, households (issue 15) ---
  'id-card-read-expired',
  'typed-id-no-name',
  'card-or-typed-id',
  'no-phone-needs-colour',
  'no-phone-unavailable',
  'real-id-reader',
]);
export type ErrorKey = z.infer<typeof ErrorKey>;

/** The values an error's words name (a field, a number of seconds, a plate). */
export const ErrorParams = z.record(z.string(), z.union([z.string(), z.number()]));
export type ErrorParams = z.infer<typeof ErrorParams>;

/** How a contract field was wrong, in words the screen can put in any language. */
export const IssueRule = z.enum(['required', 'too-small', 'too-big', 'too-short', 'too-long', 'too-few', 'too-many', 'wrong-type', 'wrong-format', 'not-allowed', 'other']);
export type IssueRule = z.infer<typeof IssueRule>;

/** A zod issue as a field path, a rule and its limit: what the screen needs to say what to fix. */
export function issueParams(issue: z.core.$ZodIssue): { field: string; rule: IssueRule; limit?: number } {
  const field = issue.path.map(String).join('.');
  switch (issue.code) {
    case 'invalid_type':
      return { field, rule: /received (undefined|NaN)/.test(issue.message) ? 'required' : 'wrong-type' };
    case 'too_small': {
      const limit = Number(issue.minimum);
      if (issue.origin === 'array') return limit === 1 ? { field, rule: 'required' } : { field, rule: 'too-few', limit };
      if (issue.origin === 'string') return limit === 1 ? { field, rule: 'required' } : { field, rule: 'too-short', limit };
      return { field, rule: 'too-small', limit };
    }
    case 'too_big': {
      const limit = Number(issue.maximum);
      if (issue.origin === 'array') return { field, rule: 'too-many', limit };
      if (issue.origin === 'string') return { field, rule: 'too-long', limit };
      return { field, rule: 'too-big', limit };
    }
    case 'invalid_format':
      return { field, rule: 'wrong-format' };
    case 'invalid_value':
    case 'unrecognized_keys':
      return { field, rule: 'not-allowed' };
    default:
      return { field, rule: 'other' };
  }
}
