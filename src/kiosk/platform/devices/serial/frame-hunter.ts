// A resynchronising frame reader for the serial devices (the thermometer protocols, the ID card reader's SAM module).
// serialport's PacketLengthParser checks no checksum and never recovers from a stray byte; this one hunts for the
// header, checks the frame, drops ONE byte on failure (so a real header hiding inside a bad frame is still found),
// reports noise, and never buffers more than the longest frame.

export type FrameEvent<T> =
  | { kind: 'frame'; value: T }
  /** `bytes` are the first of the `length` bytes refused (all of them unless the spec keeps fewer). */
  | { kind: 'rejected'; reason: string; bytes: Uint8Array; length: number };

/** Bytes in, events out. Keeps partial frames between calls. */
export interface FrameDecoder<T> {
  push(chunk: Uint8Array): Array<FrameEvent<T>>;
}

/** What a protocol tells the hunter about a candidate frame starting at offset 0 of `bytes`. */
export type FrameLength = { need: 'more' } | { length: number } | { invalid: string; seen?: number };

export interface FrameSpec<T> {
  header: readonly number[];
  /** Longest frame the protocol can produce: nothing longer is ever buffered. */
  maxLength: number;
  frameLength(bytes: Uint8Array): FrameLength;
  /** Checks the checksum and contents of a whole frame: its value, or why it is refused (T has no `invalid` key). */
  decode(frame: Uint8Array): T | { invalid: string };
  /** Bytes between frames that are normal (line endings) and not worth reporting. */
  isFiller?(byte: number): boolean;
  /** How many bytes of refused data an event keeps (a frame may hold an ID number): all, unless set. */
  keptBytes?: number;
}

/** Noise is reported once it reaches this size or a frame follows it, so events do not depend on read sizes. */
const NOISE_REPORT_BYTES = 64;

export function createFrameHunter<T>(spec: FrameSpec<T>): FrameDecoder<T> {
  const kept = spec.keptBytes ?? Infinity;
  let buffer = new Uint8Array(0);
  let noise = 0;
  let noiseSample: number[] = [];
  // Bytes of an already-rejected frame: when they turn out to be noise they were reported already.
  let alreadyReported = 0;

  function startsWithHeaderPrefix(at: number): boolean {
    for (let i = 0; i < spec.header.length && at + i < buffer.length; i++) {
      if (buffer[at + i] !== spec.header[i]) return false;
    }
    return true;
  }

  function flushNoise(events: Array<FrameEvent<T>>): void {
    if (noise === 0) return;
    events.push({ kind: 'rejected', reason: `${noise} stray byte(s) outside any frame`, bytes: Uint8Array.from(noiseSample), length: noise });
    noise = 0;
    noiseSample = [];
  }

  function skip(count: number, events: Array<FrameEvent<T>>): void {
    for (let i = 0; i < count; i++) {
      const byte = buffer[i]!;
      if (alreadyReported > 0) alreadyReported--;
      else if (!spec.isFiller?.(byte)) {
        noise++;
        if (noiseSample.length < kept) noiseSample.push(byte);
      }
      if (noise >= NOISE_REPORT_BYTES) flushNoise(events);
    }
    buffer = buffer.subarray(count);
  }

  function reject(reason: string, length: number, events: Array<FrameEvent<T>>): void {
    flushNoise(events);
    events.push({ kind: 'rejected', reason, bytes: buffer.slice(0, Math.min(length, kept)), length });
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
      const events: Array<FrameEvent<T>> = [];
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
        if (typeof decoded === 'object' && decoded !== null && 'invalid' in decoded) {
          reject(decoded.invalid, size.length, events);
          continue;
        }
        flushNoise(events);
        alreadyReported = 0;
        events.push({ kind: 'frame', value: decoded as T });
        buffer = buffer.subarray(size.length);
      }
      return events;
    },
  };
}

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}
