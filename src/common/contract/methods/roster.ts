import { z } from 'zod';
import { defineMethods } from './define.ts';
import { ErrorKey, ErrorParams } from '../error-keys.ts';
import { ProgressId } from '../console.ts';
import { Commuter, CommuterInput, Household, HouseholdInput, PersonMatch, Resident, ResidentInput, Vehicle, VehicleInput, Visitor, VisitorInput } from '../roster.ts';

const Limit = z.number().int().min(1).max(5000).default(200);
const Query = z.string().trim().max(60).optional();
const ById = z.object({ id: z.string().min(1) });
const Removed = z.object({ removed: z.literal(true) });

export const rosterMethods = defineMethods({
  /** Import households, residents, vehicles or commuters from CSV or XLSX: all rows or none, with a row-by-row report. Audited. */
  'roster.import': {
    access: 'manager',
    input: z.object({
      kind: z.enum(['households', 'residents', 'vehicles', 'commuters']),
      format: z.enum(['csv', 'xlsx']),
      fileName: z.string().max(200).optional(),
      /** The file's bytes; 1 MB of request holds some 10,000 roster rows. */
      base64: z.string().min(1),
      /** Check every row and report, but save nothing. */
      dryRun: z.boolean().default(false),
      /** Chosen by the screen: `console.progress` events with this id say how far the check is. */
      progressId: ProgressId.optional(),
    }),
    output: z.object({ ok: z.boolean(), rows: z.number(), imported: z.number(), dryRun: z.boolean(), problems: z.array(z.object({ row: z.number(), message: z.string(), key: ErrorKey.optional(), params: ErrorParams.optional() })) }),
  },
  /** Signed resident cards (GK1: QR text) for printing, with the compound's own key; a resident without a card number gets one. Audited. */
  'roster.cards': {
    access: 'manager',
    input: z.object({ residentIds: z.array(z.string().min(1)).min(1).max(500) }),
    output: z.object({ issuer: z.string(), cards: z.array(z.object({ residentId: z.string(), name: z.string(), household: z.string(), cardId: z.string(), code: z.string(), validUntil: z.string() })) }),
  },
  /** Revokes a printed resident card at once (the gate refuses it from the next scan); its resident gets a new number at the next print. Audited. */
  'roster.cards.revoke': {
    access: 'manager',
    input: z.object({ cardId: z.string().trim().min(3).max(40), reason: z.string().trim().min(2).max(200) }),
    output: z.object({ cardId: z.string(), residentId: z.string().nullable(), listVersion: z.number().int(), alreadyRevoked: z.boolean(), revokedAt: z.string() }),
  },
  /** Households, optionally filtered by building-unit-room text. */
  'roster.households.list': { access: 'manager', input: z.object({ query: Query, limit: Limit }), output: z.object({ households: z.array(Household) }) },
  /** Create a household, or change one when id is given. */
  'roster.households.save': { access: 'manager', input: HouseholdInput, output: Household },
  /** Remove an empty household (move or remove its residents and vehicles first). */
  'roster.households.remove': { access: 'manager', input: ById, output: Removed },
  /** Residents, optionally of one household or matching a name. */
  'roster.residents.list': { access: 'manager', input: z.object({ householdId: z.string().optional(), query: Query, limit: Limit }), output: z.object({ residents: z.array(Resident) }) },
  /** Create or change a resident; an ID number is hashed with the compound's key and only its masked form kept. */
  'roster.residents.save': { access: 'manager', input: ResidentInput, output: Resident },
  'roster.residents.remove': { access: 'manager', input: ById, output: Removed },
  /** At the gate: find a resident by ID number, or everyone in a household (people without smartphones). */
  'roster.residents.find': {
    access: 'volunteer',
    input: z.union([z.object({ idNumber: z.string().trim().min(1).max(32) }), z.object({ household: z.string().trim().min(1).max(40) })]),
    output: z.object({ matches: z.array(PersonMatch) }),
  },
  'roster.vehicles.list': { access: 'manager', input: z.object({ householdId: z.string().optional(), limit: Limit }), output: z.object({ vehicles: z.array(Vehicle) }) },
  /** Create or change a vehicle; plates are stored upper-case without spaces or dots. */
  'roster.vehicles.save': { access: 'manager', input: VehicleInput, output: Vehicle },
  'roster.vehicles.remove': { access: 'manager', input: ById, output: Removed },
  /** At the gate: a vehicle by plate, with the residents of its household. */
  'roster.vehicles.find': { access: 'volunteer', input: z.object({ plate: z.string().trim().min(2).max(12) }), output: z.object({ vehicle: Vehicle, occupants: z.array(PersonMatch) }) },
  'roster.commuters.list': { access: 'manager', input: z.object({ limit: Limit }), output: z.object({ commuters: z.array(Commuter) }) },
  /** Pre-register a resident as a commuter with usual hours (and vehicle), or change it. */
  'roster.commuters.save': { access: 'manager', input: CommuterInput, output: Commuter },
  'roster.commuters.remove': { access: 'manager', input: z.object({ residentId: z.string().min(1) }), output: Removed },
  /** A returning visitor by phone or ID number, to offer their details again. */
  'roster.visitors.find': {
    access: 'volunteer',
    input: z.union([z.object({ phone: z.string().trim().min(3).max(20) }), z.object({ idNumber: z.string().trim().min(1).max(32) })]),
    output: z.object({ visitor: Visitor.nullable() }),
  },
  /** Record a visitor's details (new or returning); entries.record then cites the visitor id. */
  'roster.visitors.register': { access: 'volunteer', input: VisitorInput, output: Visitor },
});
