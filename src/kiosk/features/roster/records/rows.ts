// The roster's rows as SQLite holds them, and how each becomes the contract's shape: shared by the record files.
import { GateError, type ErrorWords } from '../../../../common/contract/errors.ts';
import type { Commuter, Household, Resident, Vehicle } from '../../../../common/contract/roster.ts';
import { householdLabel, maskPhone } from '../id-numbers.ts';

export interface HouseholdRow { id: string; building: string; unit: string; room: string; note: string | null; residents: number }
export interface ResidentRow { id: string; household_id: string; building: string; unit: string; room: string; name: string; masked_id: string | null; phone: string | null; card_id: string | null; commuter: number }
export interface VehicleRow { id: string; household_id: string; building: string; unit: string; room: string; plate: string; note: string | null }
export interface CommuterRow { resident_id: string; name: string; building: string; unit: string; room: string; usual_out: string | null; usual_in: string | null; days: string; vehicle_id: string | null; plate: string | null }

export const toHousehold = (r: HouseholdRow): Household => ({ id: r.id, building: r.building, unit: r.unit, room: r.room, label: householdLabel(r.building, r.unit, r.room), note: r.note, residents: r.residents });
export const toResident = (r: ResidentRow): Resident => ({
  id: r.id,
  householdId: r.household_id,
  household: householdLabel(r.building, r.unit, r.room),
  name: r.name,
  maskedId: r.masked_id,
  maskedPhone: r.phone ? maskPhone(r.phone) : null,
  cardId: r.card_id,
  commuter: r.commuter === 1,
});
export const toVehicle = (r: VehicleRow): Vehicle => ({ id: r.id, householdId: r.household_id, household: householdLabel(r.building, r.unit, r.room), plate: r.plate, note: r.note });
export const toCommuter = (r: CommuterRow): Commuter => ({
  residentId: r.resident_id,
  name: r.name,
  household: householdLabel(r.building, r.unit, r.room),
  usualOut: r.usual_out,
  usualIn: r.usual_in,
  days: JSON.parse(r.days) as number[],
  vehicleId: r.vehicle_id,
  plate: r.plate,
});

export const HOUSEHOLD_SELECT = `SELECT h.id, h.building, h.unit, h.room, h.note, (SELECT count(*) FROM residents r WHERE r.household_id = h.id) AS residents FROM households h`;
export const RESIDENT_SELECT = `SELECT r.id, r.household_id, h.building, h.unit, h.room, r.name, r.masked_id, r.phone, r.card_id,
  EXISTS (SELECT 1 FROM commuters c WHERE c.resident_id = r.id) AS commuter FROM residents r JOIN households h ON h.id = r.household_id`;
export const VEHICLE_SELECT = `SELECT v.id, v.household_id, h.building, h.unit, h.room, v.plate, v.note FROM vehicles v JOIN households h ON h.id = v.household_id`;
export const COMMUTER_SELECT = `SELECT c.resident_id, r.name, h.building, h.unit, h.room, c.usual_out, c.usual_in, c.days, c.vehicle_id, v.plate
  FROM commuters c JOIN residents r ON r.id = c.resident_id JOIN households h ON h.id = r.household_id LEFT JOIN vehicles v ON v.id = c.vehicle_id`;
export const ORDER_HOUSEHOLD = `ORDER BY h.building, h.unit, h.room`;

/** A UNIQUE constraint broken by a save, said as what to do instead. */
export function uniqueViolation(error: unknown, message: string, words: ErrorWords): never {
  if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new GateError('conflict', message, words);
  throw error;
}

/** A LIKE pattern matching the text anywhere, with the text's own wildcards escaped. */
export function like(query: string | undefined): string {
  return `%${(query ?? '').replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}
