// The shared QR text chain: prefix, base45, zlib, then COSE bytes.
import { base45Decode } from './base45.ts';
import type { Decoded } from './cose.ts';
import { zlibInflate } from './zlib-inflate.ts';

/** Real codes inflate to a few hundred bytes; the cap stops a zip bomb from stalling the gate. */
const MAX_INFLATED_BYTES = 64 * 1024;

export function unprefix(text: string, prefix: string): Decoded<string> {
  return text.startsWith(prefix) ? { ok: true, value: text.slice(prefix.length) } : { ok: false, detail: `does not start with ${prefix}` };
}

export function inflate(bytes: Uint8Array): Decoded<Uint8Array> {
  const inflated = zlibInflate(bytes, MAX_INFLATED_BYTES);
  return inflated.ok ? inflated : { ok: false, detail: `zlib data is broken or too large (${inflated.detail})` };
}

export function qrTextToCose(text: string, prefix: string): Decoded<Uint8Array> {
  if (!text.startsWith(prefix)) return { ok: false, detail: `does not start with ${prefix}` };
  const compressed = base45Decode(text, prefix.length);
  if (!compressed) return { ok: false, detail: 'not valid base45' };
  return inflate(compressed);
}
