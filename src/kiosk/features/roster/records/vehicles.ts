// Vehicles by plate: a household's cars, and who may be in one when it stops at the gate.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { GateError } from '../../../../common/contract/errors.ts';
import type { PersonMatch, Vehicle, VehicleInput } from '../../../../common/contract/roster.ts';
import type { Db } from '../../../platform/store/open-store.ts';
import { prepared } from '../../../platform/store/statements.ts';
import { normalisePlate } from '../id-numbers.ts';
import type { Households } from './households.ts';
import type { Residents } from './residents.ts';
import { toVehicle, uniqueViolation, VEHICLE_SELECT, type VehicleRow } from './rows.ts';

export function createVehicles(db: Db, stamp: () => string, households: Pick<Households, 'household'>, residents: Pick<Residents, 'matchesInHousehold'>) {
  function vehicle(id: string): Vehicle {
    const row = prepared<[string], VehicleRow>(db, `${VEHICLE_SELECT} WHERE v.id = ?`).get(id);
    if (!row) throw new GateError('not-found', 'This vehicle is not on the roster. Reload the list.', { key: 'vehicle-not-found' });
    return toVehicle(row);
  }

  /** The first character most of the compound's plates share (京 for a Beijing compound), or null with no plates. */
  function usualProvince(): string | null {
    const row = prepared<[], { province: string }>(db, "SELECT substr(plate, 1, 1) AS province FROM vehicles WHERE substr(plate, 1, 1) NOT GLOB '[A-Z0-9]' GROUP BY province ORDER BY count(*) DESC, province LIMIT 1")
      .get();
    return row?.province ?? null;
  }

  return {
    vehicle,

    listVehicles(householdId: string | undefined, limit: number): Vehicle[] {
      const rows = householdId
        ? prepared<[string, number], VehicleRow>(db, `${VEHICLE_SELECT} WHERE v.household_id = ? ORDER BY v.plate LIMIT ?`).all(householdId, limit)
        : prepared<[number], VehicleRow>(db, `${VEHICLE_SELECT} ORDER BY v.plate LIMIT ?`).all(limit);
      return rows.map(toVehicle);
    },

    saveVehicle(input: z.output<typeof VehicleInput>): Vehicle {
      households.household(input.householdId);
      const plate = normalisePlate(input.plate);
      try {
        if (input.id) {
          vehicle(input.id);
          prepared(db, 'UPDATE vehicles SET household_id = ?, plate = ?, note = ? WHERE id = ?').run(input.householdId, plate, input.note ?? null, input.id);
          return vehicle(input.id);
        }
        const id = randomUUID();
        prepared(db, 'INSERT INTO vehicles (id, household_id, plate, note, created_at) VALUES (?, ?, ?, ?, ?)').run(id, input.householdId, plate, input.note ?? null, stamp());
        return vehicle(id);
      } catch (error) {
        return uniqueViolation(error, `Plate ${plate} is already on the roster. Search for it instead of adding it again.`, { key: 'plate-taken', params: { plate } });
      }
    },

    removeVehicle(id: string): void {
      vehicle(id);
      prepared(db, 'DELETE FROM vehicles WHERE id = ?').run(id);
    },

    findVehicle(rawPlate: string): { vehicle: Vehicle; occupants: PersonMatch[] } {
      const plate = normalisePlate(rawPlate);
      const row = prepared<[string], VehicleRow>(db, `${VEHICLE_SELECT} WHERE v.plate = ?`).get(plate);
      if (!row) {
        // Typed without its province character (A12345): offer the province most of this compound's cars carry.
        const province = /^[A-Z]/.test(plate) ? usualProvince() : null;
        if (province) {
          const suggestion = `${province}${plate}`;
          throw new GateError('not-found', `Plate ${plate} has no province character; most cars here are ${province}: look up ${suggestion}?`, { key: 'plate-without-province', params: { plate, province, suggestion } });
        }
        throw new GateError('not-found', `Plate ${plate} is not on the roster. Check each person in the vehicle on foot (as residents or visitors).`, { key: 'plate-not-on-roster', params: { plate } });
      }
      const found = toVehicle(row);
      return { vehicle: found, occupants: residents.matchesInHousehold(found.householdId) };
    },
  };
}
export type Vehicles = ReturnType<typeof createVehicles>;
