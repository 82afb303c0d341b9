// The shift calls: who is on duty, sign on, the summary so far and the hand-over.
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';
import type { ShiftsService } from './shifts-service.ts';

export function shiftHandlers(shifts: ShiftsService): HandlersFor<'shifts.current' | 'shifts.signOn' | 'shifts.summary' | 'shifts.handOver'> {
  return {
    'shifts.current': () => ({ shift: shifts.current() }),
    'shifts.signOn': ({ name, pin }) => shifts.signOn(name, pin),
    'shifts.summary': () => shifts.summary(),
    'shifts.handOver': ({ outgoingPin, incoming }) => shifts.handOver(outgoingPin, incoming),
  };
}
