import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../../../src/common/contract/devices.ts';
import { createIdCardReader, type CardRead, type IdCardReaderPort, type RejectedCardFrame } from '../../../../src/kiosk/platform/devices/id-card/id-card-reader.ts';
import { startIdReaderSimulator, type IdReaderSimulatorOptions } from '../../../../src/kiosk/platform/devices/id-card/id-card-simulator.ts';
import { SAMPLE_CARDS } from '../../../../src/kiosk/platform/devices/id-card/sample-cards.ts';
import { createPtyPair, openDeviceEnd, waitFor, type PtyPair } from '../../../support/pty.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups.length = 0;
});

const key = Buffer.alloc(32, 9);
const protect = (n: string) => createHmac('sha256', key).update(n).digest('hex');
const fast = { pollMs: 40, replyTimeoutMs: 600, backoff: { initialMs: 50, maxMs: 400 } };

async function pair(): Promise<PtyPair> {
  const pty = await createPtyPair();
  cleanups.push(() => pty.close());
  return pty;
}

async function module(pty: PtyPair, options: IdReaderSimulatorOptions) {
  const channel = await openDeviceEnd(pty.device);
  const simulator = startIdReaderSimulator(channel, { readDelayMs: 30, ...options });
  const stop = async () => {
    simulator.stop();
    await channel.close();
  };
  cleanups.push(stop);
  return { simulator, stop };
}

function watch(reader: IdCardReaderPort) {
  cleanups.push(() => reader.close());
  const cards: CardRead[] = [];
  const rejected: RejectedCardFrame[] = [];
  const states: DeviceStatus[] = [];
  let left = 0;
  reader.onCard((c) => cards.push(c));
  reader.onRejected((r) => rejected.push(r));
  reader.onStatus((s) => states.push(s));
  reader.onCardLeft(() => left++);
  return { cards, rejected, states, left: () => left };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ID card reader over a real PTY', () => {
  it('reads a card once while it stays, notices it leave, then reads the second card', async () => {
    const pty = await pair();
    const { simulator } = await module(pty, { scenario: 'manual' });
    const reader = createIdCardReader({ target: { path: pty.kiosk }, protect, ...fast });
    const seen = watch(reader);
    await waitFor(() => reader.status().state === 'ready', 'ready');
    expect(reader.status()).toMatchObject({ kind: 'id-reader', simulated: false });
    simulator.place(SAMPLE_CARDS.wang);
    await waitFor(() => seen.cards.length === 1, 'the first card');
    expect(seen.cards[0]!.card).toMatchObject({ name: '王小明', idHash: protect(SAMPLE_CARDS.wang.idNumber), maskedId: expect.stringMatching(/^3101\*{10}\d{3}[\dX]$/) });
    // Many polls later the card is still on the reader: it is not read again.
    const readsBefore = simulator.readsAnswered();
    await pause(600);
    expect(seen.cards).toHaveLength(1);
    expect(simulator.readsAnswered()).toBe(readsBefore);
    simulator.remove();
    await waitFor(() => seen.left() === 1, 'the card to leave');
    simulator.place(SAMPLE_CARDS.li);
    await waitFor(() => seen.cards.length === 2, 'the second card');
    expect(seen.cards[1]!.card).toMatchObject({ name: '李秀英', validUntil: 'long-term' });
    // The same card put back is a new read.
    simulator.remove();
    await waitFor(() => seen.left() === 2, 'the second card to leave');
    simulator.place(SAMPLE_CARDS.wang);
    await waitFor(() => seen.cards.length === 3, 'the first card again');
  });

  it('asks again after a reply with a bad check byte and still reads the card', async () => {
    const pty = await pair();
    const { simulator } = await module(pty, { scenario: 'bad-check', gapMs: 100, presentMs: 60_000 });
    const reader = createIdCardReader({ target: { path: pty.kiosk }, protect, ...fast });
    const seen = watch(reader);
    await waitFor(() => seen.cards.length === 1, 'the card after a retry');
    expect(seen.rejected.some((r) => r.reason.startsWith('bad check byte'))).toBe(true);
    expect(simulator.readsAnswered()).toBe(2);
    // A rejected frame keeps its header, length and status only, never the card's text.
    for (const r of seen.rejected) expect(r.bytes.length).toBeLessThanOrEqual(10);
  });

  it('reads through noise and split replies', async () => {
    for (const scenario of ['noise', 'split'] as const) {
      const pty = await pair();
      await module(pty, { scenario, gapMs: 100, presentMs: 60_000, cards: [SAMPLE_CARDS.zhang] });
      const reader = createIdCardReader({ target: { path: pty.kiosk }, protect, ...fast });
      const seen = watch(reader);
      await waitFor(() => seen.cards.length === 1, `a card through ${scenario}`);
      expect(seen.cards[0]!.card.name).toBe('张乐乐');
      if (scenario === 'noise') expect(seen.rejected.some((r) => r.reason.includes('stray'))).toBe(true);
    }
  });

  it('retries a failed read', async () => {
    const pty = await pair();
    await module(pty, { scenario: 'read-fail', gapMs: 100, presentMs: 60_000 });
    const reader = createIdCardReader({ target: { path: pty.kiosk }, protect, ...fast });
    const seen = watch(reader);
    await waitFor(() => seen.cards.length === 1, 'the card after a failed read');
  });

  it('says when the SAM module reports a fault', async () => {
    const pty = await pair();
    await module(pty, { scenario: 'sam-fault' });
    const reader = createIdCardReader({ target: { path: pty.kiosk }, protect, ...fast });
    watch(reader);
    await waitFor(() => reader.status().state === 'error', 'the SAM fault');
    expect(reader.status().detail).toContain('SAM self-test failed');
  });

  it('reopens a silent module (watchdog) and a replugged one, and reads again', async () => {
    const pty = await pair();
    const silent = await module(pty, { scenario: 'silent' });
    const reader = createIdCardReader({ target: { path: pty.kiosk }, protect, ...fast, watchdogMs: 400 });
    const seen = watch(reader);
    await waitFor(() => seen.states.some((s) => s.state === 'error' && /no data/.test(s.detail ?? '')), 'the watchdog');
    await silent.stop();

    await pty.unplug();
    await waitFor(() => reader.status().state === 'disconnected', 'disconnected after unplug');
    await pty.plug();
    const { simulator } = await module(pty, { scenario: 'manual' });
    await waitFor(() => reader.status().state === 'ready', 'ready after replug');
    simulator.place(SAMPLE_CARDS.wang);
    await waitFor(() => seen.cards.length === 1, 'a card after replug');
  });
});
