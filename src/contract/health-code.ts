// The one health-code result type used on screen, in the log and at the registry.
import { z } from 'zod';

/** Why a code is invalid: it was read, but it cannot be trusted. */
export const InvalidReason = z.enum([
  'malformed',
  'bad-signature',
  'unknown-signer',
  'expired',
  'not-yet-valid',
  'stale-trust-list',
  'revoked',
  'format-not-accepted',
]);

/** Why a code could not be checked at all: a failure of the check, never of the person. */
export const TechnicalReason = z.enum(['timeout', 'authority-unreachable', 'authority-error', 'no-trust-list']);

/** Where the result came from: a verified source, or the volunteer looking at a phone. */
export const CodeSource = z.enum(['online', 'offline-signed', 'dcc', 'resident-card', 'manual']);

export const HealthCodeResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('green'), source: CodeSource, holderName: z.string().optional(), checkedAt: z.string() }),
  z.object({ status: z.literal('yellow'), source: CodeSource, holderName: z.string().optional(), checkedAt: z.string() }),
  z.object({ status: z.literal('red'), source: CodeSource, holderName: z.string().optional(), checkedAt: z.string() }),
  z.object({ status: z.literal('review'), source: CodeSource, holderName: z.string().optional(), checkedAt: z.string() }),
  z.object({ status: z.literal('invalid'), source: CodeSource.optional(), reason: InvalidReason, detail: z.string(), checkedAt: z.string() }),
  z.object({ status: z.literal('error'), source: CodeSource.optional(), reason: TechnicalReason, detail: z.string(), checkedAt: z.string() }),
]);
export type HealthCodeResult = z.infer<typeof HealthCodeResult>;
export type HealthCodeStatus = HealthCodeResult['status'];

/** The colours a volunteer may record by hand when no scan could be used. */
export const ManualColour = z.enum(['green', 'yellow', 'red']);
export type ManualColour = z.infer<typeof ManualColour>;
