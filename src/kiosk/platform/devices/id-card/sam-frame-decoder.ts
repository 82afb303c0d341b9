// Bytes from the module in, whole frames out. Hunts for the header, checks the length and the check byte, drops ONE
// byte after a bad frame (so a real header inside it is still found), reports noise, and never buffers more than the
// longest frame. Rejected frames keep only their first bytes: a reply may hold an ID number, and a rejected one is
// logged and printed.
import { SAM_HEADER, xorCheck } from './sam-protocol.ts';

/** Longest length field accepted: a read with fingerprint is 256 + 1024 + 1024 bytes of data and a few more. */
export const MAX_SAM_LENGTH = 2400;
/** Body plus check byte: a reply's three status bytes and its check byte, or a command's two bytes and its check. */
const MIN_SAM_LENGTH = 3;
/** At most this many bytes of a rejected frame are kept: header, length and the status bytes, never its data. */
export const REJECTED_BYTES_KEPT = 10;
const NOISE_REPORT_BYTES = 64;

export type SamFrameEvent =
  | { kind: 'frame'; body: Uint8Array }
  | { kind: 'rejected'; reason: string; bytes: Uint8Array; length: number };

export interface SamFrameDecoder {
  push(chunk: Uint8Array): SamFrameEvent[];
}

export function createSamFrameDecoder(options: { maxLength?: number } = {}): SamFrameDecoder {
  const maxLength = options.maxLength ?? MAX_SAM_LENGTH;
  const headerLength = SAM_HEADER.length;
  let buffer = new Uint8Array(0);
  let noise = 0;
  let noiseSample: number[] = [];
  // Bytes of a frame already reported as rejected: when they turn out to be noise they are not reported twice.
  let alreadyReported = 0;

  const prefixAt = (at: number) => {
    for (let i = 0; i < headerLength && at + i < buffer.length; i++) if (buffer[at + i] !== SAM_HEADER[i]) return false;
    return true;
  };

  function flushNoise(events: SamFrameEvent[]): void {
    if (noise === 0) return;
    events.push({ kind: 'rejected', reason: `${noise} stray byte(s) outside any frame`, bytes: Uint8Array.from(noiseSample), length: noise });
    noise = 0;
    noiseSample = [];
  }

  function skip(count: number, events: SamFrameEvent[]): void {
    for (let i = 0; i < count; i++) {
      if (alreadyReported > 0) {
        alreadyReported--;
        continue;
      }
      noise++;
      if (noiseSample.length < REJECTED_BYTES_KEPT) noiseSample.push(buffer[i]!);
      if (noise >= NOISE_REPORT_BYTES) flushNoise(events);
    }
    buffer = buffer.subarray(count);
  }

  function reject(reason: string, span: number, events: SamFrameEvent[]): void {
    flushNoise(events);
    events.push({ kind: 'rejected', reason, bytes: buffer.slice(0, Math.min(span, REJECTED_BYTES_KEPT)), length: span });
    alreadyReported = Math.max(alreadyReported - 1, span - 1);
    buffer = buffer.subarray(1);
  }

  return {
    push(chunk) {
      const joined = new Uint8Array(buffer.length + chunk.length);
      joined.set(buffer);
      joined.set(chunk, buffer.length);
      buffer = joined;
      const events: SamFrameEvent[] = [];
      for (;;) {
        let start = 0;
        while (start < buffer.length && !prefixAt(start)) start++;
        skip(start, events);
        if (buffer.length < headerLength + 2) break;
        const length = (buffer[headerLength]! << 8) | buffer[headerLength + 1]!;
        if (length > maxLength) {
          reject(`frame length ${length} exceeds ${maxLength}`, headerLength + 2, events);
          continue;
        }
        if (length < MIN_SAM_LENGTH) {
          reject(`frame length ${length} is too short for a frame`, headerLength + 2, events);
          continue;
        }
        const total = headerLength + 2 + length;
        if (buffer.length < total) break;
        const check = xorCheck(buffer, headerLength, total - 1);
        if (check !== buffer[total - 1]) {
          reject(`bad check byte (got ${hex2(buffer[total - 1]!)}, expected ${hex2(check)})`, total, events);
          continue;
        }
        flushNoise(events);
        alreadyReported = 0;
        events.push({ kind: 'frame', body: buffer.slice(headerLength + 2, total - 1) });
        buffer = buffer.subarray(total);
      }
      return events;
    },
  };
}

const hex2 = (b: number) => b.toString(16).padStart(2, '0');

/** A reply body: its three status bytes and its data; null when it is too short to be a reply. */
export function parseReply(body: Uint8Array): { sw: [number, number, number]; data: Uint8Array } | null {
  if (body.length < 3) return null;
  return { sw: [body[0]!, body[1]!, body[2]!], data: body.subarray(3) };
}
