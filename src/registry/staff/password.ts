// Staff passwords: scrypt in libuv's thread pool (never on the event loop the kiosks' batches run on), two at a
// time; a flood of sign-ins queues, and past a bound is told to come back rather than piling up memory.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const MAX_RUNNING = 2;
const MAX_WAITING = 64;

export class HashingBusy extends Error {}

let running = 0;
const waiting: Array<() => void> = [];

async function bounded<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_RUNNING) {
    if (waiting.length >= MAX_WAITING) throw new HashingBusy('too many sign-ins at once: try again in a minute');
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  running += 1;
  try {
    return await work();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { N: n, r, p, maxmem: 128 * n * r * 2 }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** scrypt$N$r$p$salt$hash (base64url parts), so the cost can rise later without breaking old hashes. */
export function hashPassword(password: string): Promise<string> {
  return bounded(async () => {
    const salt = randomBytes(16);
    const key = await derive(password, salt, N, R, P);
    return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
  });
}

/** A hash that is not ours (or a missing account, given DUMMY_HASH) costs the same time and says false. */
export function verifyPassword(password: string, stored: string): Promise<boolean> {
  return bounded(async () => {
    const [scheme, n, r, p, salt, hash] = stored.split('$');
    if (scheme !== 'scrypt' || !salt || !hash) return false;
    const expected = Buffer.from(hash, 'base64url');
    const key = await derive(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
    return key.length === expected.length && timingSafeEqual(key, expected);
  });
}

/** Checked against when the account does not exist, so "no such user" takes as long as "wrong password". */
export const DUMMY_HASH = `scrypt$${N}$${R}$${P}$${Buffer.alloc(16).toString('base64url')}$${Buffer.alloc(KEY_LENGTH).toString('base64url')}`;

/** Staff passwords are typed at a desk: long enough to resist guessing from outside even at the throttled rate. */
export function passwordProblem(password: string): string | null {
  if (password.length < 10) return 'a password needs at least 10 characters';
  if (/^(.)\1+$/.test(password) || /^(0123456789|1234567890|password|qwerty)/i.test(password)) return 'that password is too easy to guess';
  return null;
}
