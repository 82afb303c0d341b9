import { z } from 'zod';
import { Commuter, CommuterInput, Household, HouseholdInput, PersonMatch, Resident, ResidentInput, Vehicle, VehicleInput, Visitor, VisitorInput } from '../roster.ts';

const Limit = z.number().int().min(1).max(5000).default(200);
const Query = z.string().trim().max(60).optional();
const ById = z.object({ id: z.string().min(1) });
const Removed = z.object({ removed: z.literal(true) });

export const rosterMethods = {
  /** Households, optionally filtered by building-unit-room text. */
  'roster.households.list': { input: z.object({ query: Query, limit: Limit }), output: z.object({ households: z.array(Household) }) },
  /** Create a household, or change one when id is given. */
  'roster.households.save': { input: HouseholdInput, output: Household },
  /** Remove an empty household (move or remove its residents and vehicles first). */
  'roster.households.remove': { input: ById, output: Removed },
  /** Residents, optionally of one household or matching a name. */
  'roster.residents.list': { input: z.object({ householdId: z.string().optional(), query: Query, limit: Limit }), output: z.object({ residents: z.array(Resident) }) },
  /** Create or change a resident; an ID number is hashed with the compound's key and only its masked form kept. */
  'roster.residents.save': { input: ResidentInput, output: Resident },
  'roster.residents.remove': { input: ById, output: Removed },
  /** At the gate: find a resident by ID number, or everyone in a household (people without smartphones). */
  'roster.residents.find': {
    input: z.union([z.object({ idNumber: z.string().trim().min(1).max(32) }), z.object({ household: z.string().trim().min(1).max(40) })]),
    output: z.object({ matches: z.array(PersonMatch) }),
  },
  'roster.vehicles.list': { input: z.object({ householdId: z.string().optional(), limit: Limit }), output: z.object({ vehicles: z.array(Vehicle) }) },
  /** Create or change a vehicle; plates are stored upper-case without spaces or dots. */
  'roster.vehicles.save': { input: VehicleInput, output: Vehicle },
  'roster.vehicles.remove': { input: ById, output: Removed },
  /** At the gate: a vehicle by plate, with the residents of its household. */
  'roster.vehicles.find': { input: z.object({ plate: z.string().trim().min(2).max(12) }), output: z.object({ vehicle: Vehicle, occupants: z.array(PersonMatch) }) },
  'roster.commuters.list': { input: z.object({ limit: Limit }), output: z.object({ commuters: z.array(Commuter) }) },
  /** Pre-register a resident as a commuter with usual hours (and vehicle), or change it. */
  'roster.commuters.save': { input: CommuterInput, output: Commuter },
  'roster.commuters.remove': { input: z.object({ residentId: z.string().min(1) }), output: Removed },
  /** A returning visitor by phone or ID number, to offer their details again. */
  'roster.visitors.find': {
    input: z.union([z.object({ phone: z.string().trim().min(3).max(20) }), z.object({ idNumber: z.string().trim().min(1).max(32) })]),
    output: z.object({ visitor: Visitor.nullable() }),
  },
  /** Record a visitor's details (new or returning); entries.record then cites the visitor id. */
  'roster.visitors.register': { input: VisitorInput, output: Visitor },
} as const;
