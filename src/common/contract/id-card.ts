// An ID card read at the gate (or an ID number typed instead), as the screen sees it: masked, with what the roster
// and the visitor records say about the person, whether the card has run out, and what the no-phone lane allows.
// The full ID number never crosses the boundary; the core keeps its keyed hash under `readId` for a few minutes.
import { z } from 'zod';
import { NoPhoneBasis } from './policy.ts';
import { PersonMatch, Visitor } from './roster.ts';

export const IdentityRead = z.object({
  readId: z.string(),
  source: z.enum(['card', 'typed']),
  document: z.enum(['resident', 'hk-mo-tw', 'foreign', 'typed']),
  /** Masked (王*明); null for a typed number. */
  name: z.string().nullable(),
  maskedId: z.string(),
  sex: z.enum(['male', 'female', 'unknown']).nullable(),
  /** Whole years, from the card's birth date or the typed number's; null when unknown. */
  age: z.number().int().nullable(),
  /** YYYY-MM-DD or 'long-term'; null for a typed number. */
  validUntil: z.string().nullable(),
  expired: z.boolean(),
  at: z.string(),
  /** The roster person with this ID number (masked view), or null. */
  match: PersonMatch.nullable(),
  /** A returning visitor with this ID number (masked view), or null. */
  visitor: Visitor.nullable(),
  /** What the no-phone lane says for this person now: the basis it admits them on, or why not. */
  noPhone: z.discriminatedUnion('allowed', [
    z.object({ allowed: z.literal(true), basis: NoPhoneBasis, districtList: z.boolean() }),
    z.object({ allowed: z.literal(false), why: z.enum(['lane-closed', 'not-eligible']) }),
  ]),
});
export type IdentityRead = z.infer<typeof IdentityRead>;

/** A card beside a code: the same person (by ID hash when the code carries one, else by name), another, or unknown. */
export const HolderComparison = z.object({
  agreement: z.enum(['same', 'different', 'unknown']),
  by: z.enum(['id-number', 'name']).nullable(),
});
export type HolderComparison = z.infer<typeof HolderComparison>;
