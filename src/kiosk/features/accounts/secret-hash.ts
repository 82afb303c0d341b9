// Passwords and PINs hashed with scrypt (memory-hard) and a per-secret random salt. The record names its parameters,
// so stronger settings later still verify old hashes. scrypt runs on libuv's thread pool, never on the thread that
// answers the gate; the hash queue (hash-queue.ts) bounds how many run at once.
//
// API: hashSecret(secret) -> Promise<record>;  verifySecret(secret, record) -> Promise<boolean> (constant time).
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// N = 2^15, r = 8: 32 MiB and roughly 0.1 s per check on a kiosk PC, which makes guessing a 6-digit PIN offline slow.
const N = 1 << 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const maxmem = (n: number, r: number) => 128 * n * r * 2;

function scryptAsync(secret: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(secret.normalize('NFKC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key))));
}

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(secret, salt, KEY_LENGTH, { N, r: R, p: P, maxmem: maxmem(N, R) });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifySecret(secret: string, record: string): Promise<boolean> {
  const parts = record.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  // A record is ours, but a damaged one must not make scrypt allocate gigabytes.
  if (!(n >= 2 && n <= 1 << 20 && r >= 1 && r <= 32 && p >= 1 && p <= 4)) return false;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (expected.length === 0) return false;
  const actual = await scryptAsync(secret, salt, expected.length, { N: n, r, p, maxmem: maxmem(n, r) * p });
  return timingSafeEqual(actual, expected);
}
