// Request signing shared by kiosk and registry: HMAC-SHA256 over method, path, timestamp and body hash.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { sha256Hex } from './canonical-json.ts';

export const HEADER_KIOSK = 'x-kiosk-id';
export const HEADER_TIMESTAMP = 'x-timestamp';
export const HEADER_SIGNATURE = 'x-signature';
/** How far a request's clock may be from the registry's before it is refused as stale or replayed. */
export const MAX_SKEW_MS = 5 * 60_000;

export function signingString(method: string, path: string, timestamp: string, body: string | Uint8Array): string {
  return `${method.toUpperCase()}\n${path}\n${timestamp}\n${sha256Hex(body)}`;
}

export function sign(secret: string, method: string, path: string, timestamp: string, body: string | Uint8Array): string {
  return createHmac('sha256', secret).update(signingString(method, path, timestamp, body)).digest('hex');
}

export function signedHeaders(kioskId: string, secret: string, method: string, path: string, body: string, nowMs: number): Record<string, string> {
  const timestamp = String(nowMs);
  return {
    [HEADER_KIOSK]: kioskId,
    [HEADER_TIMESTAMP]: timestamp,
    [HEADER_SIGNATURE]: sign(secret, method, path, timestamp, body),
  };
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing-headers' | 'stale-timestamp' | 'bad-signature' };

export function checkTimestamp(timestamp: string, nowMs: number): boolean {
  if (!/^\d{1,16}$/.test(timestamp)) return false;
  return Math.abs(Number(timestamp) - nowMs) <= MAX_SKEW_MS;
}

export function verifySignature(secret: string, method: string, path: string, timestamp: string, body: string | Uint8Array, signature: string): boolean {
  const expected = Buffer.from(sign(secret, method, path, timestamp, body), 'hex');
  const given = Buffer.from(/^[0-9a-f]{64}$/.test(signature) ? signature : '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
