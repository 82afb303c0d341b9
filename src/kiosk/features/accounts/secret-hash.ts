// Passwords and PINs hashed with scrypt (memory-hard) and a per-secret random salt. The record names its parameters,
// so stronger settings later still verify old hashes.
//
// API: hashSecret(secret) -> record;  verifySecret(secret, record) -> boolean (constant time).
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

// N = 2^15, r = 8: 32 MiB and roughly 0.1 s per check on a kiosk PC, which makes guessing a 6-digit PIN offline slow.
const N = 1 << 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const maxmem = (n: number, r: number) => 128 * n * r * 2;

export function hashSecret(secret: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(secret.normalize('NFKC'), salt, KEY_LENGTH, { N, r: R, p: P, maxmem: maxmem(N, R) });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function verifySecret(secret: string, record: string): boolean {
  const parts = record.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  const actual = scryptSync(secret.normalize('NFKC'), salt, expected.length, { N: n, r, p, maxmem: maxmem(n, r) });
  return timingSafeEqual(actual, expected);
}
