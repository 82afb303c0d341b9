// ID cards at the gate (issue 15): reads from the reader matched and told to the screen, typed numbers answered the
// same way, the card beside a code's holder, visitors recorded from a card, and the no-phone lane's status.
import { GateError } from '../../../common/contract/errors.ts';
import type { idCardMethods } from '../../../common/contract/methods/id-card.ts';
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';
import { personMatchView } from '../../platform/privacy/volunteer-view.ts';
import type { KioskDevices } from '../devices/kiosk-devices.ts';
import { createIdCardService, type IdCardDeps, type IdCardService } from './id-card-service.ts';

export type IdCardMethod = keyof typeof idCardMethods;
export type { IdCardService } from './id-card-service.ts';

export interface IdCardFeature {
  handlers: HandlersFor<IdCardMethod>;
  service: IdCardService;
  stop(): void;
}

export function createIdCardFeature(deps: IdCardDeps & { devices: KioskDevices; log: (message: string) => void }): IdCardFeature {
  const service = createIdCardService(deps);
  const reader = deps.devices.idReader;
  const stops = reader
    ? [
        reader.onCard((read) => {
          try {
            service.cardRead(read);
          } catch (error) {
            deps.log(`an ID card read could not be matched: ${(error as Error).message}`);
          }
        }),
        reader.onCardLeft(() => deps.bus.publish('idcard.left', { at: deps.now().toISOString() })),
        // The reason only: a rejected frame's bytes are never logged.
        reader.onRejected((rejected) => deps.log(`ID card reader: rejected ${rejected.length} byte(s): ${rejected.reason}`)),
      ]
    : [];
  const simulator = () => {
    if (!deps.devices.simulatedIdReader) throw new GateError('forbidden', 'A real ID card reader is attached (or none is configured); the simulator cannot be driven.', { key: 'real-id-reader' });
    return deps.devices.simulatedIdReader;
  };
  return {
    service,
    stop: () => stops.forEach((stop) => stop()),
    handlers: {
      'idcard.lookup': ({ idNumber }) => service.lookup(idNumber),
      'idcard.compare': ({ readId, checkId }) => service.compare(readId, checkId),
      'idcard.visitor.register': (input) => service.registerVisitor(input),
      'household.members': ({ residentId }) => {
        const { householdId } = deps.roster.resident(residentId);
        return { matches: deps.roster.matchesInHousehold(householdId).filter((m) => m.resident.id !== residentId).map((m) => personMatchView(m)) };
      },
      'sim.idcard.place': ({ card }) => {
        simulator().place(card);
        return { placed: card };
      },
      'sim.idcard.remove': () => {
        simulator().remove();
        return { removed: true };
      },
    },
  };
}
