// The compound's people and places as the screens see them: ID numbers only ever masked.
import { z } from 'zod';
import { ClockTime, Weekday } from './policy.ts';

const Name = z.string().trim().min(1, 'is empty: type the name').max(60);
const Place = z.string().trim().max(20);

export const Household = z.object({
  id: z.string(),
  building: z.string(),
  unit: z.string(),
  room: z.string(),
  /** "3-2-501": building-unit-room as volunteers say it. */
  label: z.string(),
  note: z.string().nullable(),
  residents: z.number().int(),
});
export type Household = z.infer<typeof Household>;

export const HouseholdInput = z.object({
  id: z.string().optional(),
  building: Place.min(1, 'is empty: type the building number'),
  unit: Place.default(''),
  room: Place.min(1, 'is empty: type the room number'),
  note: z.string().trim().max(200).optional(),
});

export const Resident = z.object({
  id: z.string(),
  householdId: z.string(),
  household: z.string(),
  name: z.string(),
  /** e.g. 1101**********1234; null when no ID number is on file. */
  maskedId: z.string().nullable(),
  /** e.g. 138****1234. */
  maskedPhone: z.string().nullable(),
  /** Printed resident card or pass number, matched when the card is scanned. */
  cardId: z.string().nullable(),
  commuter: z.boolean(),
});
export type Resident = z.infer<typeof Resident>;

export const ResidentInput = z.object({
  id: z.string().optional(),
  householdId: z.string().min(1),
  name: Name,
  /** The plain number is hashed with the compound's key at once and never stored. Omit to keep the one on file. */
  idNumber: z.string().trim().max(32).optional(),
  phone: z.string().trim().max(20).optional(),
  cardId: z.string().trim().min(1).max(64).nullable().optional(),
  /** Registered as without a smartphone: the no-phone lane admits them where the policy says so (issue 15). */
  noPhone: z.boolean().optional(),
});

export const Vehicle = z.object({
  id: z.string(),
  householdId: z.string(),
  household: z.string(),
  plate: z.string(),
  note: z.string().nullable(),
});
export type Vehicle = z.infer<typeof Vehicle>;

export const VehicleInput = z.object({
  id: z.string().optional(),
  householdId: z.string().min(1),
  plate: z.string().trim().min(2).max(12),
  note: z.string().trim().max(200).optional(),
});

export const Commuter = z.object({
  residentId: z.string(),
  name: z.string(),
  household: z.string(),
  /** Usual time of leaving for work and of coming back, local time. */
  usualOut: ClockTime.nullable(),
  usualIn: ClockTime.nullable(),
  days: z.array(Weekday),
  vehicleId: z.string().nullable(),
  plate: z.string().nullable(),
});
export type Commuter = z.infer<typeof Commuter>;

export const CommuterInput = z.object({
  residentId: z.string().min(1),
  usualOut: ClockTime.nullable().default(null),
  usualIn: ClockTime.nullable().default(null),
  days: z.array(Weekday).min(1).max(7).default([1, 2, 3, 4, 5]),
  vehicleId: z.string().nullable().default(null),
});

export const Visitor = z.object({
  id: z.string(),
  name: z.string(),
  maskedPhone: z.string(),
  maskedId: z.string().nullable(),
  lastHouseholdId: z.string().nullable(),
  lastHousehold: z.string().nullable(),
  lastPurpose: z.string().nullable(),
  visits: z.number().int(),
  lastSeenAt: z.string().nullable(),
});
export type Visitor = z.infer<typeof Visitor>;

export const VisitorInput = z.object({
  /** A returning visitor's record, offered by roster.visitors.find; details may be corrected. */
  id: z.string().optional(),
  /** Required for a new visitor; for a returning one (id given) omitted keeps the name on file (the gate sees it masked). */
  name: Name.optional(),
  phone: z.string().trim().min(1, 'is empty: ask for a phone number').max(20),
  idNumber: z.string().trim().max(32).optional(),
  /** The household visited, by id or as building-unit-room typed at the gate (e.g. 3-2-501). */
  householdId: z.string().min(1).optional(),
  household: z.string().trim().min(1).max(40).optional(),
  purpose: z.string().trim().min(1, 'is empty: ask the purpose of the visit').max(100),
})
  .refine((v) => v.householdId || v.household, { message: 'is empty: type the household visited (building-unit-room, e.g. 3-2-501)', path: ['household'] })
  .refine((v) => v.id || v.name, { message: 'is empty: type the name', path: ['name'] });
export type VisitorInput = z.input<typeof VisitorInput>;

/** A person found at the gate, with what the screen needs to confirm it is them. */
export const PersonMatch = z.object({
  kind: z.enum(['resident', 'commuter']),
  resident: Resident,
  plates: z.array(z.string()),
});
export type PersonMatch = z.infer<typeof PersonMatch>;
