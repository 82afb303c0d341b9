import { z } from 'zod';
import { defineMethods } from './define.ts';
import { HolderComparison, IdentityRead } from '../id-card.ts';
import { PersonMatch, Visitor } from '../roster.ts';

export const SampleCardName = z.enum(['wang', 'li', 'zhang', 'zhao']);

export const idCardMethods = defineMethods({
  /** An ID number typed by the volunteer, answered like a card read (roster, visitor, no-phone lane); only its hash is kept. */
  'idcard.lookup': { access: 'volunteer', input: z.object({ idNumber: z.string().trim().min(1).max(32) }), output: IdentityRead },
  /** Whether a read card and a checked code belong to the same person. */
  'idcard.compare': { access: 'volunteer', input: z.object({ readId: z.string().min(1).max(64), checkId: z.string().min(1).max(64) }), output: HolderComparison },
  /** Record a visitor from a card read: name, keyed hash and masked number from the card; phone, whom and why typed. */
  'idcard.visitor.register': {
    access: 'volunteer',
    input: z
      .object({
        readId: z.string().min(1).max(64),
        /** A returning visitor's record, when the card matched one. */
        id: z.string().optional(),
        phone: z.string().trim().min(1, 'is empty: ask for a phone number').max(20),
        householdId: z.string().min(1).optional(),
        household: z.string().trim().min(1).max(40).optional(),
        purpose: z.string().trim().min(1, 'is empty: ask the purpose of the visit').max(100),
      })
      .refine((v) => v.householdId || v.household, { message: 'is empty: type the household visited (building-unit-room, e.g. 3-2-501)', path: ['household'] }),
    output: Visitor,
  },
  /** The other members of a resident's household, to pass together as a group (同行人员); masked. */
  'household.members': { access: 'volunteer', input: z.object({ residentId: z.string().min(1).max(64) }), output: z.object({ matches: z.array(PersonMatch) }) },
  /** Put a sample card on the simulated reader (demos and tests); refused when a real reader is attached. */
  'sim.idcard.place': { access: 'volunteer', input: z.object({ card: SampleCardName }), output: z.object({ placed: SampleCardName }) },
  'sim.idcard.remove': { access: 'volunteer', input: z.object({}).strict(), output: z.object({ removed: z.literal(true) }) },
});
