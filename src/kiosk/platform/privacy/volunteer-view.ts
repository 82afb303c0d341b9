// What the gate's calls and events show: every name, household and plate masked, visitors' details reduced to what
// confirms a returning visitor. The gate screen (on the kiosk or signed in on the network) sees only this; the
// unmasked record needs a manager and an audited reveal in the console. Echo options keep what the volunteer has
// just typed (a household searched for, a plate read off the car): showing it back tells nobody anything new.
import type { Entry } from '../../../common/contract/entries.ts';
import type { HealthCodeResult } from '../../../common/contract/health-code.ts';
import type { PersonMatch, Resident, Vehicle, Visitor } from '../../../common/contract/roster.ts';
import { maskHousehold, maskName, maskPlate } from './masking.ts';

export interface Echo {
  /** The household label the volunteer typed. */
  household?: string;
  /** The plate the volunteer typed (normalised). */
  plate?: string;
}

const household = (label: string, echo: Echo) => (label === echo.household ? label : maskHousehold(label));
const plate = (value: string, echo: Echo) => (value === echo.plate ? value : maskPlate(value));

export function residentView(resident: Resident, echo: Echo = {}): Resident {
  return { ...resident, name: maskName(resident.name), household: household(resident.household, echo), cardId: null };
}

export function personMatchView(match: PersonMatch, echo: Echo = {}): PersonMatch {
  return { ...match, resident: residentView(match.resident, echo), plates: match.plates.map((p) => plate(p, echo)) };
}

export function vehicleView(vehicle: Vehicle, echo: Echo = {}): Vehicle {
  return { ...vehicle, plate: plate(vehicle.plate, echo), household: household(vehicle.household, echo), note: null };
}

/** A returning visitor: recognised by the masked name, phone and ID; where they went and why are asked again. */
export function visitorView(visitor: Visitor): Visitor {
  return { ...visitor, name: maskName(visitor.name), lastHousehold: maskHousehold(visitor.lastHousehold), lastPurpose: null };
}

/** A checked code: the holder's name masked, and no keyed ID hash (the screen never needs it). */
export function codeView(result: HealthCodeResult): HealthCodeResult {
  if (!('holderName' in result) && !('idHash' in result)) return result;
  const { idHash: _hidden, ...rest } = result as HealthCodeResult & { idHash?: string };
  return ('holderName' in rest && rest.holderName ? { ...rest, holderName: maskName(rest.holderName) } : rest) as HealthCodeResult;
}

export function entryView(entry: Entry): Entry {
  return {
    ...entry,
    identity: { ...entry.identity, ...(entry.identity.name ? { name: maskName(entry.identity.name) } : {}) },
    code: codeView(entry.code),
    ...(entry.person ? { person: { ...entry.person, household: maskHousehold(entry.person.household) } } : {}),
    ...(entry.plate ? { plate: maskPlate(entry.plate) } : {}),
  };
}
