// The roster's calls: managers keep households, residents, vehicles and commuters; the gate finds people and records visitors.
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';
import type { Caller } from '../../platform/calls/caller.ts';
import { actorOf, type Audit } from '../../platform/audit/audit-log.ts';
import type { RosterRepository } from './roster-repository.ts';
import type { VisitorsRepository } from './visitors-repository.ts';

type RosterRecordMethod =
  | 'roster.households.list' | 'roster.households.save' | 'roster.households.remove'
  | 'roster.residents.list' | 'roster.residents.save' | 'roster.residents.remove' | 'roster.residents.find'
  | 'roster.vehicles.list' | 'roster.vehicles.save' | 'roster.vehicles.remove' | 'roster.vehicles.find'
  | 'roster.commuters.list' | 'roster.commuters.save' | 'roster.commuters.remove'
  | 'roster.visitors.find' | 'roster.visitors.register';

export function rosterHandlers(deps: { roster: RosterRepository; visitors: VisitorsRepository; audit: Audit }): HandlersFor<RosterRecordMethod> {
  const { roster, visitors, audit } = deps;
  /** Each change (managers only, by the contract) is audited with who made it. */
  async function change<T extends { id?: string; residentId?: string }>(caller: Caller, action: string, apply: () => T): Promise<T> {
    const result = apply();
    audit({ actor: actorOf(caller.user), action, subject: result.id ?? result.residentId });
    return result;
  }
  const removed = { removed: true } as const;
  return {
    'roster.households.list': ({ query, limit }) => ({ households: roster.listHouseholds(query, limit) }),
    'roster.households.save': (input, caller) => change(caller, 'roster.households.save', () => roster.saveHousehold(input)),
    'roster.households.remove': async ({ id }, caller) => (await change(caller, 'roster.households.remove', () => (roster.removeHousehold(id), { id })), removed),
    'roster.residents.list': ({ householdId, query, limit }) => ({ residents: roster.listResidents(householdId, query, limit) }),
    'roster.residents.save': (input, caller) => change(caller, 'roster.residents.save', () => roster.saveResident(input)),
    'roster.residents.remove': async ({ id }, caller) => (await change(caller, 'roster.residents.remove', () => (roster.removeResident(id), { id })), removed),
    'roster.residents.find': (input) => ({ matches: 'idNumber' in input ? roster.findByIdNumber(input.idNumber) : roster.findByHousehold(input.household) }),
    'roster.vehicles.list': ({ householdId, limit }) => ({ vehicles: roster.listVehicles(householdId, limit) }),
    'roster.vehicles.save': (input, caller) => change(caller, 'roster.vehicles.save', () => roster.saveVehicle(input)),
    'roster.vehicles.remove': async ({ id }, caller) => (await change(caller, 'roster.vehicles.remove', () => (roster.removeVehicle(id), { id })), removed),
    'roster.vehicles.find': ({ plate }) => roster.findVehicle(plate),
    'roster.commuters.list': ({ limit }) => ({ commuters: roster.listCommuters(limit) }),
    'roster.commuters.save': (input, caller) => change(caller, 'roster.commuters.save', () => roster.saveCommuter(input)),
    'roster.commuters.remove': async ({ residentId }, caller) => (await change(caller, 'roster.commuters.remove', () => (roster.removeCommuter(residentId), { residentId })), removed),
    'roster.visitors.find': (input) => ({ visitor: 'phone' in input ? visitors.findByPhone(input.phone) : visitors.findByIdNumber(input.idNumber) }),
    'roster.visitors.register': (input) => visitors.register(input),
  };
}
