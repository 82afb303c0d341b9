// The shared QR text chain: prefix, base45, zlib, then COSE bytes.
import { inflateSync } from 'node:zlib';
import { base45Decode } from './base45.ts';
import type { Decoded } from './cose.ts';

/** Real codes inflate to a few hundred bytes; the cap stops a zip bomb from stalling the gate. */
const MAX_INFLATED_BYTES = 64 * 1024;
/** Output chunks sized for those few hundred bytes: zlib's default 16 KiB chunk is a fresh allocation outside Node's
 * buffer pool at every scan, and cost more than the inflating. Larger codes take a few chunks. */
const INFLATE_CHUNK_BYTES = 1024;

export function unprefix(text: string, prefix: string): Decoded<string> {
  return text.startsWith(prefix) ? { ok: true, value: text.slice(prefix.length) } : { ok: false, detail: `does not start with ${prefix}` };
}

export function inflate(bytes: Uint8Array): Decoded<Uint8Array> {
  try {
    return { ok: true, value: inflateSync(bytes, { maxOutputLength: MAX_INFLATED_BYTES, chunkSize: INFLATE_CHUNK_BYTES }) };
  } catch (error) {
    return { ok: false, detail: `zlib data is broken or too large (${(error as Error).message})` };
  }
}

export function qrTextToCose(text: string, prefix: string): Decoded<Uint8Array> {
  const body = unprefix(text, prefix);
  if (!body.ok) return body;
  const compressed = base45Decode(body.value);
  if (!compressed) return { ok: false, detail: 'not valid base45' };
  return inflate(compressed);
}
