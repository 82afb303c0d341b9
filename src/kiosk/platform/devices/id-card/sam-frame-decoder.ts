// Bytes from the module in, whole frames out, through the serial devices' frame hunter: the header, the length and
// the check byte. Rejected frames keep only their first bytes: a reply may hold an ID number, and a rejected one is
// logged and printed.
import { createFrameHunter, hex, type FrameDecoder, type FrameEvent } from '../serial/frame-hunter.ts';
import { SAM_HEADER, xorCheck } from './sam-protocol.ts';

/** Longest length field accepted: a read with fingerprint is 256 + 1024 + 1024 bytes of data and a few more. */
export const MAX_SAM_LENGTH = 2400;
/** Body plus check byte: a reply's three status bytes and its check byte, or a command's two bytes and its check. */
const MIN_SAM_LENGTH = 3;
/** At most this many bytes of a rejected frame are kept: header, length and the status bytes, never its data. */
export const REJECTED_BYTES_KEPT = 10;

export type SamFrameEvent = FrameEvent<Uint8Array>;
export type SamFrameDecoder = FrameDecoder<Uint8Array>;

/** The module's frames for the serial devices' frame hunter: each frame's value is its body (without the check byte). */
export function createSamFrameDecoder(options: { maxLength?: number } = {}): SamFrameDecoder {
  const maxLength = options.maxLength ?? MAX_SAM_LENGTH;
  const headerLength = SAM_HEADER.length;
  return createFrameHunter<Uint8Array>({
    header: SAM_HEADER,
    maxLength: headerLength + 2 + maxLength,
    keptBytes: REJECTED_BYTES_KEPT,
    frameLength(bytes) {
      if (bytes.length < headerLength + 2) return { need: 'more' };
      const length = (bytes[headerLength]! << 8) | bytes[headerLength + 1]!;
      if (length > maxLength) return { invalid: `frame length ${length} exceeds ${maxLength}`, seen: headerLength + 2 };
      if (length < MIN_SAM_LENGTH) return { invalid: `frame length ${length} is too short for a frame`, seen: headerLength + 2 };
      return { length: headerLength + 2 + length };
    },
    decode(frame) {
      const check = xorCheck(frame, headerLength, frame.length - 1);
      if (check !== frame[frame.length - 1]) return { invalid: `bad check byte (got ${hex(frame.subarray(-1))}, expected ${hex(Uint8Array.of(check))})` };
      return frame.slice(headerLength + 2, frame.length - 1);
    },
  });
}


/** A reply body: its three status bytes and its data; null when it is too short to be a reply. */
export function parseReply(body: Uint8Array): { sw: [number, number, number]; data: Uint8Array } | null {
  if (body.length < 3) return null;
  return { sw: [body[0]!, body[1]!, body[2]!], data: body.subarray(3) };
}
