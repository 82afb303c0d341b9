// Commuters: residents registered for the fast lane, with their usual hours and, optionally, their vehicle.
import type { z } from 'zod';
import { GateError } from '../../../../common/contract/errors.ts';
import type { Commuter, CommuterInput } from '../../../../common/contract/roster.ts';
import type { Db } from '../../../platform/store/open-store.ts';
import { prepared } from '../../../platform/store/statements.ts';
import type { Residents } from './residents.ts';
import { COMMUTER_SELECT, ORDER_HOUSEHOLD, toCommuter, type CommuterRow } from './rows.ts';
import type { Vehicles } from './vehicles.ts';

export function createCommuters(db: Db, stamp: () => string, residents: Pick<Residents, 'resident'>, vehicles: Pick<Vehicles, 'vehicle'>) {
  return {
    listCommuters(limit: number): Commuter[] {
      return prepared<[number], CommuterRow>(db, `${COMMUTER_SELECT} ${ORDER_HOUSEHOLD}, r.name LIMIT ?`).all(limit).map(toCommuter);
    },

    saveCommuter(input: z.output<typeof CommuterInput>): Commuter {
      const person = residents.resident(input.residentId);
      if (input.vehicleId && vehicles.vehicle(input.vehicleId).householdId !== person.householdId) {
        throw new GateError('bad-input', "This vehicle belongs to another household. Choose one of the commuter's own household's vehicles.", { key: 'vehicle-other-household' });
      }
      prepared(
        db,
        `INSERT INTO commuters (resident_id, usual_out, usual_in, days, vehicle_id, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (resident_id) DO UPDATE SET usual_out = excluded.usual_out, usual_in = excluded.usual_in, days = excluded.days, vehicle_id = excluded.vehicle_id, updated_at = excluded.updated_at`,
      ).run(input.residentId, input.usualOut, input.usualIn, JSON.stringify([...new Set(input.days)].sort()), input.vehicleId, stamp());
      return toCommuter(prepared<[string], CommuterRow>(db, `${COMMUTER_SELECT} WHERE c.resident_id = ?`).get(input.residentId)!);
    },

    removeCommuter(residentId: string): void {
      const removed = prepared(db, 'DELETE FROM commuters WHERE resident_id = ?').run(residentId);
      if (removed.changes === 0) throw new GateError('not-found', 'This resident is not registered as a commuter.', { key: 'not-a-commuter' });
    },
  };
}
