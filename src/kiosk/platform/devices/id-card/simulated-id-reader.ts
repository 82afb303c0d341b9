// The ID card reader the kiosk uses when none is configured: a sample card is "placed" by a demo panel or a test and
// goes through the same decoder as a real module's reply, so its number is hashed and masked the same way.
import type { DeviceStatus } from '../../../../common/contract/devices.ts';
import { createListeners } from '../listeners.ts';
import { decodeBaseInfo, encodeBaseInfo, encodeCardText, type IdProtector } from './base-info.ts';
import type { CardRead, IdCardReaderPort, RejectedCardFrame } from './id-card-reader.ts';
import { SAMPLE_CARDS, type SampleCard } from './sample-cards.ts';

export interface SimulatedIdReader extends IdCardReaderPort {
  place(card: SampleCard): void;
  remove(): void;
}

export function createSimulatedIdReader(protect: IdProtector): SimulatedIdReader {
  const cards = createListeners<CardRead>();
  const left = createListeners<void>();
  const rejections = createListeners<RejectedCardFrame>();
  const statuses = createListeners<DeviceStatus>();
  let status: DeviceStatus = { kind: 'id-reader', state: 'ready', name: 'Simulated ID card reader', simulated: true, detail: 'no card' };
  let present: SampleCard | null = null;
  const setDetail = (detail: string) => {
    status = { ...status, detail };
    statuses.emit(status);
  };
  return {
    status: () => status,
    onStatus: statuses.add,
    onCard: cards.add,
    onCardLeft: left.add,
    onRejected: rejections.add,
    place(card) {
      if (present) left.emit();
      present = card;
      setDetail(`card placed: ${card}`);
      const decoded = decodeBaseInfo(encodeBaseInfo(encodeCardText(SAMPLE_CARDS[card])), protect);
      const at = new Date().toISOString();
      if (decoded.ok) cards.emit({ card: decoded.card, at });
      else rejections.emit({ reason: decoded.reason, bytes: new Uint8Array(0), length: 0, at });
    },
    remove() {
      if (!present) return;
      present = null;
      setDetail('no card');
      left.emit();
    },
    async close() {
      status = { ...status, state: 'disconnected', detail: 'closed' };
      statuses.emit(status);
      for (const set of [cards, left, rejections, statuses]) set.clear();
    },
  };
}
