// Households, residents, vehicles and commuters in SQLite; the only place that knows those tables (records/ holds one
// file for each).
import type { Db } from '../../platform/store/open-store.ts';
import type { IdHasher } from './id-key.ts';
import { createCommuters } from './records/commuters.ts';
import { createHouseholds } from './records/households.ts';
import { createResidents } from './records/residents.ts';
import { createVehicles } from './records/vehicles.ts';

export function createRosterRepository(db: Db, hashId: IdHasher, now: () => Date = () => new Date()) {
  const stamp = () => now().toISOString();
  const households = createHouseholds(db, stamp);
  const residents = createResidents(db, hashId, stamp, households);
  const vehicles = createVehicles(db, stamp, households, residents);
  const commuters = createCommuters(db, stamp, residents, vehicles);
  return { ...households, ...residents, ...vehicles, ...commuters };
}
export type RosterRepository = ReturnType<typeof createRosterRepository>;
