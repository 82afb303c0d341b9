// Volunteer shifts: who is on duty, sign on with a PIN, and the hand-over both volunteers confirm.
import type { shiftMethods } from '../../../common/contract/methods/shifts.ts';
import type { Audit } from '../../platform/audit/audit-log.ts';
import { attemptSourceOf } from '../../platform/calls/caller.ts';
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';
import type { Db } from '../../platform/store/open-store.ts';
import type { Accounts } from '../accounts/accounts.ts';
import { createShiftsService, type ShiftsService } from './shifts-service.ts';

export type ShiftMethod = keyof typeof shiftMethods;

export interface ShiftsFeature {
  handlers: HandlersFor<ShiftMethod>;
  shifts: ShiftsService;
}

export function createShiftsFeature(deps: { db: Db; accounts: Accounts; audit: Audit; now: () => Date }): ShiftsFeature {
  const shifts = createShiftsService(deps);
  return {
    shifts,
    handlers: {
      'shifts.current': () => ({ shift: shifts.current() }),
      'shifts.signOn': ({ name, pin }, caller) => shifts.signOn(name, pin, attemptSourceOf(caller)),
      'shifts.summary': () => shifts.summary(),
      'shifts.handOver': ({ outgoingPin, incoming }, caller) => shifts.handOver(outgoingPin, incoming, attemptSourceOf(caller)),
    },
  };
}
