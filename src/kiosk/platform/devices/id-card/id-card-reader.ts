// An ID card reader on a serial port: the supervisor keeps the port open (unplug/replug, watchdog), this loop polls
// find -> select -> read, retries a reply that came with a bad check byte, and reads each card once until find says
// it has left the field. Cards come out already protected (keyed hash + masked ID, see base-info.ts).
import type { DeviceStatus } from '../../../../common/contract/devices.ts';
import { createListeners } from '../listeners.ts';
import type { Unsubscribe } from '../ports.ts';
import { createSerialSupervisor, describeTarget, type PortListing, type SerialTarget } from '../serial/supervisor.ts';
import { decodeBaseInfo, type CardIdentity, type IdProtector } from './base-info.ts';
import { createSamFrameDecoder, parseReply, type SamFrameDecoder } from './sam-frame-decoder.ts';
import { describeStatus, encodeCommand, STATUS, type SamCommand } from './sam-protocol.ts';

export interface CardRead {
  card: CardIdentity;
  at: string;
}

export interface RejectedCardFrame {
  reason: string;
  /** The first bytes only (header, length, status): never a card's data. */
  bytes: Uint8Array;
  length: number;
  at: string;
}

/** What the kiosk needs from an ID card reader, real or simulated. */
export interface IdCardReaderPort {
  status(): DeviceStatus;
  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe;
  onCard(listener: (read: CardRead) => void): Unsubscribe;
  /** The card that was read has left the field. */
  onCardLeft(listener: () => void): Unsubscribe;
  onRejected(listener: (rejected: RejectedCardFrame) => void): Unsubscribe;
  close(): Promise<void>;
}

export interface IdCardReaderOptions {
  target: SerialTarget;
  protect: IdProtector;
  baudRate?: number;
  /** How often find is sent while nothing is pending. */
  pollMs?: number;
  /** A reply that does not come within this long counts as lost (a full read takes about 1 s). */
  replyTimeoutMs?: number;
  /** How often one command is sent again after a bad check byte, a lost reply or a failed read. */
  retries?: number;
  /** Use 30 10 (with fingerprint) instead of 30 01, where the module supports it. */
  withFingerprint?: boolean;
  watchdogMs?: number;
  backoff?: { initialMs?: number; maxMs?: number };
  name?: string;
  list?(): Promise<PortListing[]>;
  log?(message: string): void;
}

export const ID_READER_BAUD = 115200;

type Phase = 'searching' | 'present';

export function createIdCardReader(options: IdCardReaderOptions): IdCardReaderPort {
  const pollMs = options.pollMs ?? 300;
  const replyTimeoutMs = options.replyTimeoutMs ?? 2000;
  const retries = options.retries ?? 2;
  const readCommand: SamCommand = options.withFingerprint ? 'readWithFingerprint' : 'readBase';
  const log = options.log ?? (() => {});
  const cards = createListeners<CardRead>();
  const left = createListeners<void>();
  const rejections = createListeners<RejectedCardFrame>();
  const statuses = createListeners<DeviceStatus>();
  let decoder: SamFrameDecoder = createSamFrameDecoder();
  let phase: Phase = 'searching';
  let pending: { command: SamCommand; sentAt: number; attempts: number } | null = null;
  let samProblem: string | null = null;
  let write: ((bytes: Uint8Array) => void) | null = null;

  function send(command: SamCommand, attempts = 0): void {
    if (!write) return;
    pending = { command, sentAt: Date.now(), attempts };
    write(encodeCommand(command));
  }

  function retry(why: string): void {
    if (!pending) return;
    if (pending.attempts < retries) return send(pending.command, pending.attempts + 1);
    log(`${supervisor.status().name}: ${pending.command} given up after ${retries + 1} tries (${why})`);
    pending = null;
  }

  function setSamProblem(problem: string | null): void {
    if (problem === samProblem) return;
    samProblem = problem;
    statuses.emit(status());
  }

  function onReply(body: Uint8Array, at: string): void {
    const reply = parseReply(body);
    const current = pending;
    if (!reply || !current) return;
    const sw3 = reply.sw[2];
    // The module got our frame garbled: the same command again.
    if (sw3 === STATUS.badCheck) return retry('the module reported a bad check byte');
    pending = null;
    switch (current.command) {
      case 'samStatus':
        setSamProblem(sw3 === STATUS.success ? null : `the SAM module reports ${describeStatus(reply.sw)}`);
        return;
      case 'find':
        if (sw3 === STATUS.found) {
          if (phase === 'searching') send('select');
        } else if (sw3 === STATUS.noCard) {
          if (phase === 'present') left.emit();
          phase = 'searching';
        } else log(`${supervisor.status().name}: find answered ${describeStatus(reply.sw)}`);
        return;
      case 'select':
        if (sw3 === STATUS.success) send(readCommand);
        return;
      case 'readBase':
      case 'readWithFingerprint': {
        if (sw3 !== STATUS.success) {
          pending = current;
          return retry(describeStatus(reply.sw));
        }
        // Read once: whatever the text says, this card is done until it leaves the field.
        phase = 'present';
        const decoded = decodeBaseInfo(reply.data, options.protect, { fingerprint: current.command === 'readWithFingerprint' });
        if (decoded.ok) cards.emit({ card: decoded.card, at });
        else rejections.emit({ reason: decoded.reason, bytes: body.slice(0, 3), length: body.length, at });
        return;
      }
      default:
        return;
    }
  }

  const supervisor = createSerialSupervisor({
    kind: 'id-reader',
    name: options.name ?? `ID card reader (${describeTarget(options.target)})`,
    target: options.target,
    baudRate: options.baudRate ?? ID_READER_BAUD,
    backoff: options.backoff,
    // The loop polls all the time, so a module that stops answering is overdue.
    watchdogMs: options.watchdogMs ?? 5000,
    expectingData: () => true,
    list: options.list,
    log,
    onOpen(writer) {
      decoder = createSamFrameDecoder();
      phase = 'searching';
      pending = null;
      write = writer;
      send('samStatus');
    },
    onData(chunk) {
      const at = new Date().toISOString();
      for (const event of decoder.push(chunk)) {
        if (event.kind === 'frame') onReply(event.value, at);
        else {
          rejections.emit({ reason: event.reason, bytes: event.bytes, length: event.length, at });
          if (event.reason.startsWith('bad check byte')) retry(event.reason);
        }
      }
    },
  });

  const stopStatus = supervisor.onStatus((s) => {
    if (s.state !== 'ready') {
      write = null;
      pending = null;
    }
    statuses.emit(status());
  });

  const ticker = setInterval(() => {
    if (!write) return;
    if (pending) {
      if (Date.now() - pending.sentAt > replyTimeoutMs) retry('no reply');
      return;
    }
    send('find');
  }, pollMs);

  function status(): DeviceStatus {
    const base = supervisor.status();
    return base.state === 'ready' && samProblem ? { ...base, state: 'error', detail: samProblem } : base;
  }

  return {
    status,
    onStatus: statuses.add,
    onCard: cards.add,
    onCardLeft: left.add,
    onRejected: rejections.add,
    async close() {
      clearInterval(ticker);
      stopStatus();
      await supervisor.close();
      statuses.emit(status());
      for (const set of [cards, left, rejections, statuses]) set.clear();
    },
  };
}
