// The one health-code result type used on screen, in the log and at the registry.
import { z } from 'zod';

/** Why a code is invalid: it was read, but it cannot be trusted (not-found: the authority does not know the code). */
export const InvalidReason = z.enum([
  'malformed',
  'bad-signature',
  'unknown-signer',
  'expired',
  'not-yet-valid',
  'stale-trust-list',
  'revoked',
  'format-not-accepted',
  'not-found',
]);

/** Why a code could not be checked at all: a failure of the check, never of the person. */
export const TechnicalReason = z.enum(['timeout', 'authority-unreachable', 'authority-error', 'no-trust-list']);

/** Where the result came from: a verified source, or the volunteer looking at a phone. */
export const CodeSource = z.enum(['online', 'offline-signed', 'dcc', 'resident-card', 'manual']);

/** Facts a verified colour may carry; each one only when its source gives it. */
const ColourFacts = {
  source: CodeSource,
  holderName: z.string().optional(),
  checkedAt: z.string(),
  /** When the signed code stops being valid (ISO-8601). */
  expiresAt: z.string().optional(),
  /** When the authority last refreshed the colour (ISO-8601), for online results. */
  refreshedAt: z.string().optional(),
  /** Keyed hash (hex) of the holder's ID number, to compare with the ID document when the kiosk holds the key. */
  idHash: z.string().optional(),
  /** Printed resident card number, so a card can be revoked. */
  cardId: z.string().optional(),
};

export const HealthCodeResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('green'), ...ColourFacts }),
  z.object({ status: z.literal('yellow'), ...ColourFacts }),
  z.object({ status: z.literal('red'), ...ColourFacts }),
  z.object({ status: z.literal('review'), ...ColourFacts }),
  z.object({ status: z.literal('invalid'), source: CodeSource.optional(), reason: InvalidReason, detail: z.string(), checkedAt: z.string() }),
  z.object({ status: z.literal('error'), source: CodeSource.optional(), reason: TechnicalReason, detail: z.string(), checkedAt: z.string() }),
]);
export type HealthCodeResult = z.infer<typeof HealthCodeResult>;
export type HealthCodeStatus = HealthCodeResult['status'];

/** The colours a volunteer may record by hand when no scan could be used. */
export const ManualColour = z.enum(['green', 'yellow', 'red']);
export type ManualColour = z.infer<typeof ManualColour>;
