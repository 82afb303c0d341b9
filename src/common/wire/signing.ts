// Request signing shared by kiosk and registry: HMAC-SHA256 over method, path, timestamp and body hash.
import { sameDigest, type WireDigest } from './digest.ts';

export const HEADER_KIOSK = 'x-kiosk-id';
export const HEADER_TIMESTAMP = 'x-timestamp';
export const HEADER_SIGNATURE = 'x-signature';
/** How far a request's clock may be from the registry's before it is refused as stale or replayed. */
export const MAX_SKEW_MS = 5 * 60_000;

export function signingString(digest: WireDigest, method: string, path: string, timestamp: string, body: string | Uint8Array): string {
  return `${method.toUpperCase()}\n${path}\n${timestamp}\n${digest.sha256Hex(body)}`;
}

export function sign(digest: WireDigest, secret: string, method: string, path: string, timestamp: string, body: string | Uint8Array): string {
  return digest.hmacSha256Hex(secret, signingString(digest, method, path, timestamp, body));
}

export function signedHeaders(digest: WireDigest, kioskId: string, secret: string, method: string, path: string, body: string, nowMs: number): Record<string, string> {
  const timestamp = String(nowMs);
  return {
    [HEADER_KIOSK]: kioskId,
    [HEADER_TIMESTAMP]: timestamp,
    [HEADER_SIGNATURE]: sign(digest, secret, method, path, timestamp, body),
  };
}

export function checkTimestamp(timestamp: string, nowMs: number): boolean {
  if (!/^\d{1,16}$/.test(timestamp)) return false;
  return Math.abs(Number(timestamp) - nowMs) <= MAX_SKEW_MS;
}

export function verifySignature(digest: WireDigest, secret: string, method: string, path: string, timestamp: string, body: string | Uint8Array, signature: string): boolean {
  return /^[0-9a-f]{64}$/.test(signature) && sameDigest(sign(digest, secret, method, path, timestamp, body), signature);
}
