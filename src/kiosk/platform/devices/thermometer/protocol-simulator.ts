// A thermometer module that speaks the real protocol into a real channel (a socat PTY end, or a USB-serial adapter
// looped to the kiosk), for demos, installers and the driver tests. The kiosk side cannot tell it from a module.
import type { Temperatures } from './frames.ts';
import { encodeReading, findGyCommands, type ThermometerProtocol } from './protocols.ts';
import { scenarioReading, seededRandom, type PersonScenario } from './scenarios.ts';

export const STREAM_SCENARIOS = ['nobody', 'normal', 'fever', 'cold', 'garbage', 'silent'] as const;
export type StreamScenario = (typeof STREAM_SCENARIOS)[number];

/** The byte side of a serial port the simulator writes into. */
export interface ByteChannel {
  write(bytes: Uint8Array): void;
  onData(listener: (chunk: Uint8Array) => void): void;
}

export interface ThermometerSimulatorOptions {
  protocol: ThermometerProtocol;
  scenario: StreamScenario;
  /** The kiosk board sends every 500 ms; the GY-MCU90614 streams at ~14 Hz. */
  intervalMs?: number;
  seed?: number;
}

/**
 * Starts writing. GY-MCU90614 starts in query mode like the module after power-up in this configuration: it answers
 * A5 15 BA with one frame and starts streaming after A5 45 EA.
 */
export function startThermometerSimulator(channel: ByteChannel, options: ThermometerSimulatorOptions): { stop(): void; framesSent(): number } {
  const random = seededRandom(options.seed ?? 11);
  const intervalMs = options.intervalMs ?? (options.protocol === 'gy90614' ? 70 : 500);
  const person: PersonScenario = options.scenario === 'garbage' || options.scenario === 'silent' ? 'normal' : options.scenario;
  let streaming = options.protocol !== 'gy90614';
  let sent = 0;
  let pendingCommand = new Uint8Array(0);
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const frame = (): Uint8Array => {
    const reading: Temperatures = scenarioReading(person, random);
    return encodeReading(options.protocol, reading);
  };

  function later(fn: () => void, ms: number): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  }

  function send(): void {
    if (options.scenario === 'silent') return;
    sent++;
    const bytes = frame();
    if (options.scenario !== 'garbage') return channel.write(bytes);
    // Noise on the line, a corrupted frame now and then, and frames split across writes.
    const noise = Uint8Array.from({ length: 1 + Math.floor(random() * 5) }, () => Math.floor(random() * 256));
    channel.write(noise);
    if (sent % 3 === 0) bytes[bytes.length - 1] = (bytes[bytes.length - 1]! + 1) & 0xff;
    const cut = 1 + Math.floor(random() * (bytes.length - 1));
    channel.write(bytes.subarray(0, cut));
    later(() => channel.write(bytes.subarray(cut)), 5);
  }

  channel.onData((chunk) => {
    if (options.protocol !== 'gy90614') return;
    const joined = new Uint8Array(pendingCommand.length + chunk.length);
    joined.set(pendingCommand);
    joined.set(chunk, pendingCommand.length);
    for (const command of findGyCommands(joined)) {
      if (command === 'continuous') streaming = true;
      else send();
    }
    pendingCommand = joined.slice(-2);
  });

  const ticker = setInterval(() => {
    if (streaming) send();
  }, intervalMs);

  return {
    stop() {
      clearInterval(ticker);
      for (const timer of timers) clearTimeout(timer);
    },
    framesSent: () => sent,
  };
}
