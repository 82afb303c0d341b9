// `gate-kiosk devices read-id-card | simulate-id-reader` and the SAM probe of `devices list`: installer tools over
// the production driver. The CLI has no compound key, so ID numbers are hashed with a key made for this run and only
// the masked form is printed.
export { probeSam } from '../kiosk/platform/devices/id-card/probe.ts';
import { createHmac, randomBytes } from 'node:crypto';
import { cardExpired } from '../common/gate-rules/id-card.ts';
import { localDay } from '../common/local-time.ts';
import { createIdCardReader, ID_READER_BAUD } from '../kiosk/platform/devices/id-card/id-card-reader.ts';
import { ID_READER_SCENARIOS, startIdReaderSimulator, type IdReaderScenario } from '../kiosk/platform/devices/id-card/id-card-simulator.ts';
import { hex } from '../kiosk/platform/devices/serial/frame-hunter.ts';
import { UsageError } from './parse-args.ts';
import { cannotRead, startDeviceSession } from './device-session.ts';
import { runSimulatorOnPort } from './simulator-port.ts';

const today = () => localDay(new Date(), Intl.DateTimeFormat().resolvedOptions().timeZone);

export async function readIdCard(path: string, options: { baudRate?: number; count: number; timeoutMs?: number }): Promise<number> {
  const runKey = randomBytes(32);
  const reader = createIdCardReader({ target: { path }, baudRate: options.baudRate ?? ID_READER_BAUD, protect: (n) => createHmac('sha256', runKey).update(n).digest('hex') });
  let cards = 0;
  return new Promise<number>((resolve) => {
    let opened = false;
    const { finish } = startDeviceSession({ close: () => reader.close(), timeoutMs: options.timeoutMs, timedOut: () => `gate-kiosk devices: only ${cards} card(s) within ${options.timeoutMs} ms` }, resolve);
    reader.onStatus((status) => {
      if (status.state === 'ready') {
        if (!opened) console.error(`gate-kiosk devices: reading ID cards on ${path}; place a card on the reader`);
        opened = true;
      } else if (!opened && status.state === 'disconnected' && status.detail === 'closed') return;
      else if (!opened && status.state !== 'connecting') finish(1, cannotRead(path, status.detail ?? status.state));
      else if (status.state !== 'connecting') console.error(`gate-kiosk devices: ${status.state}: ${status.detail}`);
    });
    reader.onRejected((r) => console.log(JSON.stringify({ rejected: r.reason, bytes: hex(r.bytes), length: r.length, at: r.at })));
    reader.onCardLeft(() => console.error('gate-kiosk devices: the card left the reader'));
    reader.onCard(({ card, at }) => {
      if (cards >= options.count) return;
      const { idHash: _runOnly, address: _notPrinted, ...shown } = card;
      console.log(JSON.stringify({ ...shown, expired: cardExpired(card.validUntil, today()), at }));
      if (++cards >= options.count) finish(0);
    });
  });
}

export async function simulateIdReader(path: string, options: { baudRate?: number; scenario: string | undefined }): Promise<number> {
  const scenario = options.scenario ?? 'cards';
  if (!ID_READER_SCENARIOS.includes(scenario as IdReaderScenario)) throw new UsageError(`--scenario must be one of ${ID_READER_SCENARIOS.join(', ')}`);
  const baudRate = options.baudRate ?? ID_READER_BAUD;
  return runSimulatorOnPort(path, baudRate, `an ID card reader (${scenario})`, (link) => startIdReaderSimulator(link, { scenario: scenario as IdReaderScenario }));
}
