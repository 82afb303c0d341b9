// An ID card reader's SAM module speaking the real protocol into a real channel (one end of a socat PTY pair, or a
// USB-serial adapter looped to the kiosk): cards arrive and leave, and the line can carry noise, bad check bytes,
// split replies, failed reads or silence. The kiosk side cannot tell it from a module.
import type { ByteChannel } from '../thermometer/protocol-simulator.ts';
import { seededRandom } from '../thermometer/scenarios.ts';
import { encodeBaseInfo, encodeCardText, type CardText } from './base-info.ts';
import { createSamFrameDecoder } from './sam-frame-decoder.ts';
import { commandOf, encodeReply, STATUS } from './sam-protocol.ts';
import { SAMPLE_CARDS } from './sample-cards.ts';

export const ID_READER_SCENARIOS = ['cards', 'noise', 'bad-check', 'split', 'read-fail', 'expired', 'silent', 'sam-fault', 'manual'] as const;
export type IdReaderScenario = (typeof ID_READER_SCENARIOS)[number];

export interface IdReaderSimulatorOptions {
  scenario: IdReaderScenario;
  /** Cards placed in turn by the timed scenarios; default: two sample cards. */
  cards?: CardText[];
  /** How long a card stays on the reader, and the gap before the next one. */
  presentMs?: number;
  gapMs?: number;
  /** How long the module takes to answer a read (a real one about 1 s). */
  readDelayMs?: number;
  seed?: number;
}

export interface IdReaderSimulator {
  place(card: CardText): void;
  remove(): void;
  present(): boolean;
  /** Read replies sent (successful 30 01 answers). */
  readsAnswered(): number;
  stop(): void;
}

export function startIdReaderSimulator(channel: ByteChannel, options: IdReaderSimulatorOptions): IdReaderSimulator {
  const random = seededRandom(options.seed ?? 5);
  const scenario = options.scenario;
  const deck = options.cards ?? (scenario === 'expired' ? [SAMPLE_CARDS.zhao] : [SAMPLE_CARDS.wang, SAMPLE_CARDS.li]);
  const presentMs = options.presentMs ?? 2500;
  const gapMs = options.gapMs ?? 1200;
  const readDelayMs = options.readDelayMs ?? 150;
  const decoder = createSamFrameDecoder();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let card: CardText | null = null;
  let readsOfThisCard = 0;
  let answered = 0;
  let stopped = false;

  function later(fn: () => void, ms: number): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!stopped) fn();
    }, ms);
    timers.add(timer);
  }

  function reply(status: number, data?: Uint8Array): void {
    const bytes = encodeReply(status, data);
    if (scenario === 'noise') channel.write(Uint8Array.from({ length: 1 + Math.floor(random() * 6) }, () => Math.floor(random() * 256)));
    // The first read of each card comes back with its check byte wrong: the reader must ask again.
    if (scenario === 'bad-check' && data && readsOfThisCard === 1) bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0x5a;
    if (scenario === 'split' || scenario === 'noise') {
      const cut = 1 + Math.floor(random() * (bytes.length - 1));
      channel.write(bytes.subarray(0, cut));
      later(() => channel.write(bytes.subarray(cut)), 3);
      return;
    }
    channel.write(bytes);
  }

  function answer(body: Uint8Array): void {
    const command = commandOf(body);
    switch (command) {
      case 'samStatus':
        return reply(scenario === 'sam-fault' ? 0x60 : STATUS.success);
      case 'reset':
      case 'samId':
        return reply(STATUS.success, command === 'samId' ? Uint8Array.from({ length: 16 }, (_, i) => i) : undefined);
      case 'find':
        return reply(card ? STATUS.found : STATUS.noCard);
      case 'select':
        return reply(card ? STATUS.success : STATUS.selectFailed);
      case 'readBase': {
        if (!card) return reply(STATUS.readFailed);
        readsOfThisCard++;
        if (scenario === 'read-fail' && readsOfThisCard === 1) return later(() => reply(STATUS.readFailed), readDelayMs);
        const data = encodeBaseInfo(encodeCardText(card));
        return later(() => {
          answered++;
          reply(STATUS.success, data);
        }, readDelayMs);
      }
      default:
        return reply(STATUS.unknownCommand);
    }
  }

  channel.onData((chunk) => {
    if (stopped || scenario === 'silent') return;
    for (const event of decoder.push(chunk)) if (event.kind === 'frame') answer(event.value);
  });

  function place(next: CardText): void {
    card = next;
    readsOfThisCard = 0;
  }

  if (scenario !== 'manual') {
    let index = 0;
    const cycle = () => {
      place(deck[index % deck.length]!);
      index++;
      later(() => {
        card = null;
        later(cycle, gapMs);
      }, presentMs);
    };
    later(cycle, gapMs / 2);
  }

  return {
    place,
    remove: () => void (card = null),
    present: () => card !== null,
    readsAnswered: () => answered,
    stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
    },
  };
}
