// The SAM module's serial framing, as desktop second-generation ID card readers speak it (USB-serial or USB-CDC):
//   AA AA AA 96 69 | length (2, big-endian) | body | check
// The length counts the body and the check byte; the check is the XOR of the length bytes through the last body byte.
// A host command's body is command, parameter, data; a reply's body is three status bytes (00 00 XX), then data.
import { hex } from '../serial/frame-hunter.ts';

export const SAM_HEADER = [0xaa, 0xaa, 0xaa, 0x96, 0x69] as const;

export const SAM_COMMANDS = {
  reset: [0x10, 0xff],
  samStatus: [0x11, 0xff],
  samId: [0x12, 0xff],
  find: [0x20, 0x01],
  select: [0x20, 0x02],
  readBase: [0x30, 0x01],
  readWithFingerprint: [0x30, 0x10],
} as const satisfies Record<string, readonly [number, number]>;
export type SamCommand = keyof typeof SAM_COMMANDS;

/** The third status byte (SW3) and what it means; the first two are 00 00 on every known module. */
export const SAM_STATUS = {
  0x90: 'success',
  0x91: 'no such content on the card',
  0x9f: 'card found',
  0x10: 'the module got a bad check byte',
  0x11: 'the module got a bad length',
  0x21: 'unknown command',
  0x23: 'operation not permitted',
  0x24: 'unrecognised error',
  0x31: 'the card did not accept the reader',
  0x32: 'the reader did not accept the card',
  0x33: 'information check failed',
  0x40: 'unknown card type',
  0x41: 'read failed',
  0x47: 'random number failed',
  0x60: 'SAM self-test failed',
  0x66: 'SAM not authorised',
  0x80: 'no card',
  0x81: 'select failed',
} as const satisfies Record<number, string>;

export const STATUS = { success: 0x90, found: 0x9f, noCard: 0x80, selectFailed: 0x81, readFailed: 0x41, badCheck: 0x10, unknownCommand: 0x21 } as const;

export function describeStatus(sw: readonly [number, number, number]): string {
  const known = (SAM_STATUS as Record<number, string>)[sw[2]];
  const code = hex(Uint8Array.from(sw));
  return known ? `${known} (${code})` : `unknown status ${code}`;
}

/** XOR of the bytes from `start` up to (not including) `end`. */
export function xorCheck(bytes: Uint8Array, start: number, end: number): number {
  let check = 0;
  for (let i = start; i < end; i++) check ^= bytes[i]!;
  return check;
}

/** A whole frame around a body: header, length, body, check byte. */
export function frame(body: Uint8Array | readonly number[]): Uint8Array {
  const length = body.length + 1;
  const out = new Uint8Array(SAM_HEADER.length + 2 + length);
  out.set(SAM_HEADER);
  out[5] = (length >> 8) & 0xff;
  out[6] = length & 0xff;
  out.set(body, 7);
  out[out.length - 1] = xorCheck(out, 5, out.length - 1);
  return out;
}

export function encodeCommand(command: SamCommand, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  return frame([...SAM_COMMANDS[command], ...data]);
}

export function encodeReply(status: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  return frame([0x00, 0x00, status, ...data]);
}

/** A command's name from its two bytes, or null for one this reader does not know. */
export function commandOf(body: Uint8Array): SamCommand | null {
  for (const [name, bytes] of Object.entries(SAM_COMMANDS)) if (body[0] === bytes[0] && body[1] === bytes[1]) return name as SamCommand;
  return null;
}
