// The three thermometer protocols from DEVICES.md as frame specs, plus encoders for the simulators and the GY-MCU90614
// host commands. Ranges here are what the SENSOR can report; whether a value is a person is measurement.ts's job.
import { createFrameHunter } from '../serial/frame-hunter.ts';
import { sum8, type Temperatures, type ThermometerDecoder, type ThermometerSpec } from './frames.ts';

export const THERMOMETER_PROTOCOLS = ['ascii', 'aa55', 'gy90614'] as const;
export type ThermometerProtocol = (typeof THERMOMETER_PROTOCOLS)[number];

/** Factory baud rates: the kiosk board runs at 115200, the GY-MCU90614 at 9600. */
export const DEFAULT_BAUD: Record<ThermometerProtocol, number> = { ascii: 115200, aa55: 115200, gy90614: 9600 };

/** GY-MCU90614 host commands `A5 cmd sum`. */
export const GY_COMMANDS = {
  continuous: Uint8Array.of(0xa5, 0x45, 0xea),
  query: Uint8Array.of(0xa5, 0x15, 0xba),
} as const;

const BOARD_RANGE = { min: -20, max: 120 };
const MLX_OBJECT_RANGE = { min: -70, max: 380 };
const MLX_AMBIENT_RANGE = { min: -40, max: 125 };

function outside(value: number, range: { min: number; max: number }): boolean {
  return !(value >= range.min && value <= range.max);
}

const OPEN = 0x7b; // {
const CLOSE = 0x7d; // }
const ASCII_MAX = 12;

/**
 * `{36.7}` with optional CR/LF between frames. The protocol has no checksum, so only the exact shape the board sends
 * counts: a decimal with one or two places (a bare `{5}` turns up in random bytes a few times per megabyte).
 */
export const asciiSpec: ThermometerSpec = {
  header: [OPEN],
  maxLength: ASCII_MAX,
  isFiller: (b) => b === 0x0d || b === 0x0a || b === 0x20,
  frameLength(bytes) {
    for (let i = 1; i < bytes.length && i < ASCII_MAX; i++) {
      if (bytes[i] === CLOSE) return { length: i + 1 };
      if (bytes[i] === OPEN) return { invalid: 'frame restarted before "}"', seen: i };
    }
    return bytes.length >= ASCII_MAX ? { invalid: `no "}" within ${ASCII_MAX} bytes`, seen: ASCII_MAX } : { need: 'more' };
  },
  decode(frame) {
    const text = new TextDecoder().decode(frame.subarray(1, frame.length - 1)).trim();
    if (!/^-?\d{1,3}\.\d{1,2}$/.test(text)) return { invalid: `"${text}" is not a temperature` };
    const value = Number(text);
    if (outside(value, BOARD_RANGE)) return { invalid: `${value} °C is outside the module's range` };
    return { bodyC: value };
  },
};

/** `AA 55 06 24 07 30`: total length, whole degrees, tenths, checksum of the preceding bytes. */
export const aa55Spec: ThermometerSpec = {
  header: [0xaa, 0x55],
  maxLength: 16,
  frameLength(bytes) {
    if (bytes.length < 3) return { need: 'more' };
    const length = bytes[2]!;
    if (length < 6) return { invalid: `frame length ${length} is too short` };
    return { length };
  },
  decode(frame) {
    const sum = sum8(frame, frame.length - 1);
    if (sum !== frame[frame.length - 1]) return { invalid: `bad checksum (got ${frame[frame.length - 1]}, expected ${sum})` };
    if (frame.length !== 6) return { invalid: `unsupported frame length ${frame.length}` };
    const whole = frame[3]!;
    const tenths = frame[4]!;
    if (tenths > 9) return { invalid: `tenths digit ${tenths} is not 0-9` };
    const value = whole + tenths / 10;
    if (outside(value, BOARD_RANGE)) return { invalid: `${value} °C is outside the module's range` };
    return { bodyC: Math.round(value * 10) / 10 };
  },
};

/** `5A 5A 45 04 TOh TOl TAh TAl SUM`: object and ambient in hundredths of °C (signed, big-endian). */
export const gy90614Spec: ThermometerSpec = {
  header: [0x5a, 0x5a],
  maxLength: 16,
  frameLength(bytes) {
    if (bytes.length < 4) return { need: 'more' };
    const dataLength = bytes[3]!;
    if (dataLength > 11) return { invalid: `data length ${dataLength} is too long` };
    return { length: 4 + dataLength + 1 };
  },
  decode(frame) {
    const sum = sum8(frame, frame.length - 1);
    if (sum !== frame[frame.length - 1]) return { invalid: `bad checksum (got ${frame[frame.length - 1]}, expected ${sum})` };
    if (frame[2] !== 0x45 || frame[3] !== 4) return { invalid: `unsupported frame type 0x${frame[2]!.toString(16)} with ${frame[3]} data bytes` };
    const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
    const objectC = view.getInt16(4) / 100;
    const ambientC = view.getInt16(6) / 100;
    if (outside(objectC, MLX_OBJECT_RANGE)) return { invalid: `object ${objectC} °C is outside the sensor's range` };
    if (outside(ambientC, MLX_AMBIENT_RANGE)) return { invalid: `ambient ${ambientC} °C is outside the sensor's range` };
    return { objectC, ambientC };
  },
};

const SPECS: Record<ThermometerProtocol, ThermometerSpec> = { ascii: asciiSpec, aa55: aa55Spec, gy90614: gy90614Spec };

export function createThermometerDecoder(protocol: ThermometerProtocol): ThermometerDecoder {
  return createFrameHunter(SPECS[protocol]);
}

export function encodeAscii(bodyC: number): Uint8Array {
  return new TextEncoder().encode(`{${bodyC.toFixed(1)}}\r\n`);
}

export function encodeAa55(bodyC: number): Uint8Array {
  const tenthsTotal = Math.round(bodyC * 10);
  const frame = Uint8Array.of(0xaa, 0x55, 6, Math.floor(tenthsTotal / 10) & 0xff, tenthsTotal % 10, 0);
  frame[5] = sum8(frame, 5);
  return frame;
}

export function encodeGy90614(objectC: number, ambientC: number): Uint8Array {
  const frame = new Uint8Array(9);
  const view = new DataView(frame.buffer);
  frame.set([0x5a, 0x5a, 0x45, 0x04]);
  view.setInt16(4, Math.round(objectC * 100));
  view.setInt16(6, Math.round(ambientC * 100));
  frame[8] = sum8(frame, 8);
  return frame;
}

/** Encodes one reading in a protocol; the board protocols carry only the body value. */
export function encodeReading(protocol: ThermometerProtocol, reading: Temperatures): Uint8Array {
  if (protocol === 'gy90614') return encodeGy90614(reading.objectC ?? reading.bodyC ?? 0, reading.ambientC ?? 25);
  const body = reading.bodyC ?? reading.objectC ?? 0;
  return protocol === 'ascii' ? encodeAscii(body) : encodeAa55(body);
}

/** Finds GY-MCU90614 host commands in bytes the simulator receives. */
export function findGyCommands(bytes: Uint8Array): Array<'continuous' | 'query'> {
  const found: Array<'continuous' | 'query'> = [];
  for (let i = 0; i + 2 < bytes.length; i++) {
    if (bytes[i] !== 0xa5 || ((0xa5 + bytes[i + 1]!) & 0xff) !== bytes[i + 2]) continue;
    if (bytes[i + 1] === 0x45) found.push('continuous');
    if (bytes[i + 1] === 0x15) found.push('query');
  }
  return found;
}
