// Households, residents, vehicles and commuters in SQLite; the only place that knows those tables.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { GateError } from '../../../common/contract/errors.ts';
import type { Commuter, CommuterInput, Household, HouseholdInput, PersonMatch, Resident, ResidentInput, Vehicle, VehicleInput } from '../../../common/contract/roster.ts';
import type { Db } from '../../platform/store/open-store.ts';
import { householdLabel, maskIdNumber, maskPhone, normaliseIdNumber, normalisePhone, normalisePlate, parseHouseholdLabel } from './id-numbers.ts';
import type { IdHasher } from './id-key.ts';

interface HouseholdRow { id: string; building: string; unit: string; room: string; note: string | null; residents: number }
interface ResidentRow { id: string; household_id: string; building: string; unit: string; room: string; name: string; masked_id: string | null; phone: string | null; card_id: string | null; commuter: number }
interface VehicleRow { id: string; household_id: string; building: string; unit: string; room: string; plate: string; note: string | null }
interface CommuterRow { resident_id: string; name: string; building: string; unit: string; room: string; usual_out: string | null; usual_in: string | null; days: string; vehicle_id: string | null; plate: string | null }

const toHousehold = (r: HouseholdRow): Household => ({ id: r.id, building: r.building, unit: r.unit, room: r.room, label: householdLabel(r.building, r.unit, r.room), note: r.note, residents: r.residents });
const toResident = (r: ResidentRow): Resident => ({
  id: r.id,
  householdId: r.household_id,
  household: householdLabel(r.building, r.unit, r.room),
  name: r.name,
  maskedId: r.masked_id,
  maskedPhone: r.phone ? maskPhone(r.phone) : null,
  cardId: r.card_id,
  commuter: r.commuter === 1,
});
const toVehicle = (r: VehicleRow): Vehicle => ({ id: r.id, householdId: r.household_id, household: householdLabel(r.building, r.unit, r.room), plate: r.plate, note: r.note });
const toCommuter = (r: CommuterRow): Commuter => ({
  residentId: r.resident_id,
  name: r.name,
  household: householdLabel(r.building, r.unit, r.room),
  usualOut: r.usual_out,
  usualIn: r.usual_in,
  days: JSON.parse(r.days) as number[],
  vehicleId: r.vehicle_id,
  plate: r.plate,
});

const HOUSEHOLD_SELECT = `SELECT h.id, h.building, h.unit, h.room, h.note, (SELECT count(*) FROM residents r WHERE r.household_id = h.id) AS residents FROM households h`;
const RESIDENT_SELECT = `SELECT r.id, r.household_id, h.building, h.unit, h.room, r.name, r.masked_id, r.phone, r.card_id,
  EXISTS (SELECT 1 FROM commuters c WHERE c.resident_id = r.id) AS commuter FROM residents r JOIN households h ON h.id = r.household_id`;
const VEHICLE_SELECT = `SELECT v.id, v.household_id, h.building, h.unit, h.room, v.plate, v.note FROM vehicles v JOIN households h ON h.id = v.household_id`;
const COMMUTER_SELECT = `SELECT c.resident_id, r.name, h.building, h.unit, h.room, c.usual_out, c.usual_in, c.days, c.vehicle_id, v.plate
  FROM commuters c JOIN residents r ON r.id = c.resident_id JOIN households h ON h.id = r.household_id LEFT JOIN vehicles v ON v.id = c.vehicle_id`;
const ORDER_HOUSEHOLD = `ORDER BY h.building, h.unit, h.room`;

function uniqueViolation(error: unknown, message: string): never {
  if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new GateError('conflict', message);
  throw error;
}

function like(query: string | undefined): string {
  return `%${(query ?? '').replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}

export function createRosterRepository(db: Db, hashId: IdHasher, now: () => Date = () => new Date()) {
  const stamp = () => now().toISOString();

  function household(id: string): Household {
    const row = db.prepare<[string], HouseholdRow>(`${HOUSEHOLD_SELECT} WHERE h.id = ?`).get(id);
    if (!row) throw new GateError('not-found', 'This household is not on the roster (it may have been removed). Reload the list.');
    return toHousehold(row);
  }
  function resident(id: string): Resident {
    const row = db.prepare<[string], ResidentRow>(`${RESIDENT_SELECT} WHERE r.id = ?`).get(id);
    if (!row) throw new GateError('not-found', 'This resident is not on the roster (they may have been removed). Search again.');
    return toResident(row);
  }
  function vehicle(id: string): Vehicle {
    const row = db.prepare<[string], VehicleRow>(`${VEHICLE_SELECT} WHERE v.id = ?`).get(id);
    if (!row) throw new GateError('not-found', 'This vehicle is not on the roster. Reload the list.');
    return toVehicle(row);
  }
  function platesOf(householdId: string): string[] {
    return db.prepare<[string], { plate: string }>('SELECT plate FROM vehicles WHERE household_id = ? ORDER BY plate').all(householdId).map((r) => r.plate);
  }
  const asMatch = (r: Resident): PersonMatch => ({ kind: r.commuter ? 'commuter' : 'resident', resident: r, plates: platesOf(r.householdId) });

  function hashOf(raw: string): { hash: string; masked: string } {
    const { number } = normaliseIdNumber(raw);
    return { hash: hashId(number), masked: maskIdNumber(number) };
  }

  return {
    household,
    resident,
    match: (residentId: string) => asMatch(resident(residentId)),

    listHouseholds(query: string | undefined, limit: number): Household[] {
      const rows = db
        .prepare<[string, number], HouseholdRow>(`${HOUSEHOLD_SELECT} WHERE (h.building || '-' || h.unit || '-' || h.room || '-' || h.building || '-' || h.room) LIKE ? ESCAPE '\\' ${ORDER_HOUSEHOLD} LIMIT ?`)
        .all(like(query), limit);
      return rows.map(toHousehold);
    },

    saveHousehold(input: z.output<typeof HouseholdInput>): Household {
      const at = stamp();
      try {
        if (input.id) {
          const changed = db.prepare('UPDATE households SET building = ?, unit = ?, room = ?, note = ?, updated_at = ? WHERE id = ?').run(input.building, input.unit, input.room, input.note ?? null, at, input.id);
          if (changed.changes === 0) household(input.id);
          return household(input.id);
        }
        const id = randomUUID();
        db.prepare('INSERT INTO households (id, building, unit, room, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(id, input.building, input.unit, input.room, input.note ?? null, at, at);
        return household(id);
      } catch (error) {
        return uniqueViolation(error, `Household ${householdLabel(input.building, input.unit, input.room)} is already on the roster. Search for it instead of adding it again.`);
      }
    },

    removeHousehold(id: string): void {
      household(id);
      const people = db.prepare<[string, string], { n: number }>('SELECT (SELECT count(*) FROM residents WHERE household_id = ?) + (SELECT count(*) FROM vehicles WHERE household_id = ?) AS n').get(id, id)!.n;
      if (people > 0) throw new GateError('conflict', 'This household still has residents or vehicles. Move or remove them first.');
      db.prepare('DELETE FROM households WHERE id = ?').run(id);
    },

    listResidents(householdId: string | undefined, query: string | undefined, limit: number): Resident[] {
      const rows = householdId
        ? db.prepare<[string, string, number], ResidentRow>(`${RESIDENT_SELECT} WHERE r.household_id = ? AND r.name LIKE ? ESCAPE '\\' ORDER BY r.name LIMIT ?`).all(householdId, like(query), limit)
        : db.prepare<[string, number], ResidentRow>(`${RESIDENT_SELECT} WHERE r.name LIKE ? ESCAPE '\\' ${ORDER_HOUSEHOLD}, r.name LIMIT ?`).all(like(query), limit);
      return rows.map(toResident);
    },

    saveResident(input: z.output<typeof ResidentInput>): Resident {
      household(input.householdId);
      const id = input.idNumber ? hashOf(input.idNumber) : null;
      const phone = input.phone ? normalisePhone(input.phone) : null;
      const at = stamp();
      try {
        if (input.id) {
          resident(input.id);
          db.prepare(
            `UPDATE residents SET household_id = ?, name = ?, phone = coalesce(?, phone), updated_at = ?,
               id_hash = CASE WHEN ? IS NULL THEN id_hash ELSE ? END, masked_id = CASE WHEN ? IS NULL THEN masked_id ELSE ? END,
               card_id = CASE WHEN ? THEN ? ELSE card_id END WHERE id = ?`,
          ).run(input.householdId, input.name, phone, at, id?.hash ?? null, id?.hash ?? null, id?.masked ?? null, id?.masked ?? null, input.cardId !== undefined ? 1 : 0, input.cardId ?? null, input.id);
          return resident(input.id);
        }
        const newId = randomUUID();
        db.prepare('INSERT INTO residents (id, household_id, name, id_hash, masked_id, phone, card_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
          newId, input.householdId, input.name, id?.hash ?? null, id?.masked ?? null, phone, input.cardId ?? null, at, at,
        );
        return resident(newId);
      } catch (error) {
        return uniqueViolation(error, 'Another resident already has this ID number or card number. Search for them instead of adding them again.');
      }
    },

    removeResident(id: string): void {
      resident(id);
      db.prepare('DELETE FROM residents WHERE id = ?').run(id);
    },

    findByIdNumber(raw: string): PersonMatch[] {
      const { hash } = hashOf(raw);
      return db.prepare<[string], ResidentRow>(`${RESIDENT_SELECT} WHERE r.id_hash = ?`).all(hash).map(toResident).map(asMatch);
    },

    findByCardId(cardId: string): PersonMatch | null {
      const row = db.prepare<[string], ResidentRow>(`${RESIDENT_SELECT} WHERE r.card_id = ?`).get(cardId);
      return row ? asMatch(toResident(row)) : null;
    },

    findByHousehold(text: string): PersonMatch[] {
      const parts = parseHouseholdLabel(text);
      if (!parts) throw new GateError('bad-input', `"${text}" is not a household: type building-unit-room, e.g. 3-2-501 (or 3-501 without a unit).`);
      return db
        .prepare<[string, string, string], ResidentRow>(`${RESIDENT_SELECT} WHERE h.building = ? AND h.unit = ? AND h.room = ? ORDER BY r.name`)
        .all(parts.building, parts.unit, parts.room)
        .map(toResident)
        .map(asMatch);
    },

    listVehicles(householdId: string | undefined, limit: number): Vehicle[] {
      const rows = householdId
        ? db.prepare<[string, number], VehicleRow>(`${VEHICLE_SELECT} WHERE v.household_id = ? ORDER BY v.plate LIMIT ?`).all(householdId, limit)
        : db.prepare<[number], VehicleRow>(`${VEHICLE_SELECT} ORDER BY v.plate LIMIT ?`).all(limit);
      return rows.map(toVehicle);
    },

    saveVehicle(input: z.output<typeof VehicleInput>): Vehicle {
      household(input.householdId);
      const plate = normalisePlate(input.plate);
      try {
        if (input.id) {
          vehicle(input.id);
          db.prepare('UPDATE vehicles SET household_id = ?, plate = ?, note = ? WHERE id = ?').run(input.householdId, plate, input.note ?? null, input.id);
          return vehicle(input.id);
        }
        const id = randomUUID();
        db.prepare('INSERT INTO vehicles (id, household_id, plate, note, created_at) VALUES (?, ?, ?, ?, ?)').run(id, input.householdId, plate, input.note ?? null, stamp());
        return vehicle(id);
      } catch (error) {
        return uniqueViolation(error, `Plate ${plate} is already on the roster. Search for it instead of adding it again.`);
      }
    },

    removeVehicle(id: string): void {
      vehicle(id);
      db.prepare('DELETE FROM vehicles WHERE id = ?').run(id);
    },

    findVehicle(rawPlate: string): { vehicle: Vehicle; occupants: PersonMatch[] } {
      const plate = normalisePlate(rawPlate);
      const row = db.prepare<[string], VehicleRow>(`${VEHICLE_SELECT} WHERE v.plate = ?`).get(plate);
      if (!row) throw new GateError('not-found', `Plate ${plate} is not on the roster. Check each person in the vehicle on foot (as residents or visitors).`);
      const found = toVehicle(row);
      const occupants = db.prepare<[string], ResidentRow>(`${RESIDENT_SELECT} WHERE r.household_id = ? ORDER BY r.name`).all(found.householdId).map(toResident).map(asMatch);
      return { vehicle: found, occupants };
    },

    listCommuters(limit: number): Commuter[] {
      return db.prepare<[number], CommuterRow>(`${COMMUTER_SELECT} ${ORDER_HOUSEHOLD}, r.name LIMIT ?`).all(limit).map(toCommuter);
    },

    saveCommuter(input: z.output<typeof CommuterInput>): Commuter {
      const person = resident(input.residentId);
      if (input.vehicleId && vehicle(input.vehicleId).householdId !== person.householdId) {
        throw new GateError('bad-input', "This vehicle belongs to another household. Choose one of the commuter's own household's vehicles.");
      }
      db.prepare(
        `INSERT INTO commuters (resident_id, usual_out, usual_in, days, vehicle_id, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (resident_id) DO UPDATE SET usual_out = excluded.usual_out, usual_in = excluded.usual_in, days = excluded.days, vehicle_id = excluded.vehicle_id, updated_at = excluded.updated_at`,
      ).run(input.residentId, input.usualOut, input.usualIn, JSON.stringify([...new Set(input.days)].sort()), input.vehicleId, stamp());
      return toCommuter(db.prepare<[string], CommuterRow>(`${COMMUTER_SELECT} WHERE c.resident_id = ?`).get(input.residentId)!);
    },

    removeCommuter(residentId: string): void {
      const removed = db.prepare('DELETE FROM commuters WHERE resident_id = ?').run(residentId);
      if (removed.changes === 0) throw new GateError('not-found', 'This resident is not registered as a commuter.');
    },
  };
}
export type RosterRepository = ReturnType<typeof createRosterRepository>;
