// A resynchronising frame reader shared by the thermometer protocols. serialport's PacketLengthParser checks no
// checksum and never recovers from a stray byte; this one hunts for the header, checks the frame, drops ONE byte on
// failure (so a real header hiding inside a bad frame is still found) and never buffers more than one frame.

/** Temperatures as a protocol gives them, in °C; the driver stamps the time. */
export interface Temperatures {
  bodyC?: number;
  objectC?: number;
  ambientC?: number;
}

export type DecodeEvent =
  | { kind: 'reading'; reading: Temperatures }
  | { kind: 'rejected'; reason: string; bytes: Uint8Array };

/** Bytes in, events out. Keeps partial frames between calls. */
export interface ThermometerDecoder {
  push(chunk: Uint8Array): DecodeEvent[];
}

/** What a protocol tells the hunter about a candidate frame starting at offset 0 of `bytes`. */
export type FrameLength = { need: 'more' } | { length: number } | { invalid: string; seen?: number };

export interface FrameSpec {
  header: readonly number[];
  /** Longest frame the protocol can produce: nothing longer is ever buffered. */
  maxLength: number;
  frameLength(bytes: Uint8Array): FrameLength;
  /** Checks checksum and contents; returns temperatures or why the frame is refused. */
  decode(frame: Uint8Array): Temperatures | { invalid: string };
  /** Bytes between frames that are normal (line endings) and not worth reporting. */
  isFiller?(byte: number): boolean;
}

/** Noise is reported once it reaches this size or a frame follows it, so events do not depend on read sizes. */
const NOISE_REPORT_BYTES = 64;

export function createFrameHunter(spec: FrameSpec): ThermometerDecoder {
  let buffer = new Uint8Array(0);
  let noise: number[] = [];
  // Bytes of an already-rejected frame: when they turn out to be noise they were reported already.
  let alreadyReported = 0;

  function startsWithHeaderPrefix(at: number): boolean {
    for (let i = 0; i < spec.header.length && at + i < buffer.length; i++) {
      if (buffer[at + i] !== spec.header[i]) return false;
    }
    return true;
  }

  function flushNoise(events: DecodeEvent[]): void {
    if (noise.length > 0) {
      events.push({ kind: 'rejected', reason: `${noise.length} stray byte(s) outside any frame`, bytes: Uint8Array.from(noise) });
      noise = [];
    }
  }

  function skip(count: number, events: DecodeEvent[]): void {
    for (let i = 0; i < count; i++) {
      const byte = buffer[i]!;
      if (alreadyReported > 0) alreadyReported--;
      else if (!spec.isFiller?.(byte)) noise.push(byte);
      if (noise.length >= NOISE_REPORT_BYTES) flushNoise(events);
    }
    buffer = buffer.subarray(count);
  }

  function reject(reason: string, length: number, events: DecodeEvent[]): void {
    flushNoise(events);
    const bytes = buffer.slice(0, length);
    events.push({ kind: 'rejected', reason, bytes });
    // Drop one byte only; the rest may hold the next real header.
    alreadyReported = Math.max(alreadyReported - 1, length - 1);
    buffer = buffer.subarray(1);
  }

  return {
    push(chunk) {
      const joined = new Uint8Array(buffer.length + chunk.length);
      joined.set(buffer);
      joined.set(chunk, buffer.length);
      buffer = joined;
      const events: DecodeEvent[] = [];
      for (;;) {
        let start = 0;
        while (start < buffer.length && !startsWithHeaderPrefix(start)) start++;
        skip(start, events);
        if (buffer.length < spec.header.length) break;
        const size = spec.frameLength(buffer);
        if ('need' in size) {
          if (buffer.length >= spec.maxLength) reject(`no complete frame within ${spec.maxLength} bytes`, spec.maxLength, events);
          else break;
          continue;
        }
        if ('invalid' in size) {
          reject(size.invalid, Math.min(buffer.length, size.seen ?? spec.header.length + 1), events);
          continue;
        }
        if (size.length > spec.maxLength) {
          reject(`frame length ${size.length} exceeds ${spec.maxLength}`, spec.header.length + 1, events);
          continue;
        }
        if (buffer.length < size.length) break;
        const frame = buffer.slice(0, size.length);
        const decoded = spec.decode(frame);
        if ('invalid' in decoded) {
          reject(decoded.invalid, size.length, events);
          continue;
        }
        flushNoise(events);
        alreadyReported = 0;
        events.push({ kind: 'reading', reading: decoded });
        buffer = buffer.subarray(size.length);
      }
      return events;
    },
  };
}

/** Low byte of the sum of the bytes: the checksum both binary protocols use. */
export function sum8(bytes: Uint8Array, end = bytes.length): number {
  let total = 0;
  for (let i = 0; i < end; i++) total += bytes[i]!;
  return total & 0xff;
}

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}
