// Entry ids in time order (UUID version 7, RFC 9562): 48 bits of Unix milliseconds, then random bits. The log's
// primary key index takes each new id at its right-hand end instead of at a random leaf, so recording a person
// writes (and, on a log of millions, reads and decrypts) the same few hot pages rather than one anywhere in the index.
import { randomBytes } from 'node:crypto';

/** A UUIDv7 for the moment `ms`; `random` supplies the 10 random bytes (for tests). */
export function timeOrderedId(ms: number, random: Buffer = randomBytes(10)): string {
  const bytes = Buffer.alloc(16);
  bytes.writeUIntBE(Math.max(0, Math.floor(ms)) % 2 ** 48, 0, 6);
  random.copy(bytes, 6, 0, 10);
  bytes[6] = 0x70 | (bytes[6]! & 0x0f); // version 7
  bytes[8] = 0x80 | (bytes[8]! & 0x3f); // variant 10
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
