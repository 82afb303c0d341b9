// The roster's calls: managers keep households, residents, vehicles and commuters; the gate finds people and records visitors.
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';
import type { Caller } from '../../platform/calls/caller.ts';
import { actorOf, type Audit } from '../../platform/audit/audit-log.ts';
import type { ReadAudit } from '../../platform/privacy/read-audit.ts';
import { personMatchView, vehicleView, visitorView } from '../../platform/privacy/volunteer-view.ts';
import type { RosterRepository } from './roster-repository.ts';
import type { VisitorsRepository } from './visitors-repository.ts';

type RosterRecordMethod =
  | 'roster.households.list' | 'roster.households.save' | 'roster.households.remove'
  | 'roster.residents.list' | 'roster.residents.save' | 'roster.residents.remove' | 'roster.residents.find'
  | 'roster.vehicles.list' | 'roster.vehicles.save' | 'roster.vehicles.remove' | 'roster.vehicles.find'
  | 'roster.commuters.list' | 'roster.commuters.save' | 'roster.commuters.remove'
  | 'roster.visitors.find' | 'roster.visitors.register';

export function rosterHandlers(deps: { roster: RosterRepository; visitors: VisitorsRepository; audit: Audit; auditRead: ReadAudit }): HandlersFor<RosterRecordMethod> {
  const { roster, visitors, audit } = deps;
  /** A manager's list shows names and plates in full: who looked is audited (once per look, see read-audit.ts). */
  function read<T extends unknown[]>(caller: Caller, list: string, filter: Record<string, unknown>, rows: T): T {
    deps.auditRead({ actor: actorOf(caller.user), action: 'roster-read', subject: list, detail: { ...filter, rows: rows.length } }, [list, filter]);
    return rows;
  }
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
    'roster.residents.list': ({ householdId, query, limit }, caller) => ({ residents: read(caller, 'residents', { householdId, query }, roster.listResidents(householdId, query, limit)) }),
    'roster.residents.save': (input, caller) => change(caller, 'roster.residents.save', () => roster.saveResident(input)),
    'roster.residents.remove': async ({ id }, caller) => (await change(caller, 'roster.residents.remove', () => (roster.removeResident(id), { id })), removed),
    // The gate's finds answer masked (platform/privacy), keeping only what the volunteer typed.
    'roster.residents.find': (input) => {
      if ('idNumber' in input) return { matches: roster.findByIdNumber(input.idNumber).map((m) => personMatchView(m)) };
      const matches = roster.findByHousehold(input.household);
      return { matches: matches.map((m) => personMatchView(m, { household: m.resident.household })) };
    },
    'roster.vehicles.list': ({ householdId, limit }, caller) => ({ vehicles: read(caller, 'vehicles', { householdId }, roster.listVehicles(householdId, limit)) }),
    'roster.vehicles.save': (input, caller) => change(caller, 'roster.vehicles.save', () => roster.saveVehicle(input)),
    'roster.vehicles.remove': async ({ id }, caller) => (await change(caller, 'roster.vehicles.remove', () => (roster.removeVehicle(id), { id })), removed),
    'roster.vehicles.find': ({ plate }) => {
      const found = roster.findVehicle(plate);
      const echo = { plate: found.vehicle.plate };
      return { vehicle: vehicleView(found.vehicle, echo), occupants: found.occupants.map((m) => personMatchView(m, echo)) };
    },
    'roster.commuters.list': ({ limit }, caller) => ({ commuters: read(caller, 'commuters', {}, roster.listCommuters(limit)) }),
    'roster.commuters.save': (input, caller) => change(caller, 'roster.commuters.save', () => roster.saveCommuter(input)),
    'roster.commuters.remove': async ({ residentId }, caller) => (await change(caller, 'roster.commuters.remove', () => (roster.removeCommuter(residentId), { residentId })), removed),
    'roster.visitors.find': (input) => {
      const visitor = 'phone' in input ? visitors.findByPhone(input.phone) : visitors.findByIdNumber(input.idNumber);
      return { visitor: visitor && visitorView(visitor) };
    },
    'roster.visitors.register': (input) => visitorView(visitors.register(input)),
  };
}
