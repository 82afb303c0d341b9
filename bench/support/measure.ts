// Small measuring tools shared by the benches: sizes for --quick, percentiles, seeded randomness.
import { createECDH, createHash, createPrivateKey } from 'node:crypto';
import { signerKeyFrom, type SignerKey } from '../../src/kiosk/platform/health-codes/signer-keys.ts';

/** `npm run bench -- --quick` sets this: smaller sizes, same code paths. */
export const quick = process.env.BENCH_QUICK === '1';
export const size = (full: number, quickSize: number) => (quick ? quickSize : full);

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  // Nearest rank: p99 of 1000 samples is the 990th, a sample that was actually observed.
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const mean = (samples: readonly number[]) => samples.reduce((a, b) => a + b, 0) / samples.length;

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Mulberry32: the same seed gives the same data on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const b64url = (bytes: Buffer) => bytes.toString('base64url');

/** An EC P-256 signer key derived from a seed, so every run signs with the same key (the signatures themselves are randomised by ECDSA). */
export function seededSignerKey(seed: string): SignerKey {
  const d = createHash('sha256').update(`gate-kiosk bench ${seed}`).digest();
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(d);
  const point = ecdh.getPublicKey();
  const privateKey = createPrivateKey({ key: { kty: 'EC', crv: 'P-256', d: b64url(d), x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33, 65)) }, format: 'jwk' });
  return signerKeyFrom(privateKey);
}

/** Calls fn repeatedly for about `seconds` after a warm-up and answers calls per second. */
export function rate(fn: () => unknown, seconds = 1): number {
  for (let i = 0; i < 50; i++) fn();
  let n = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(seconds * 1e9));
  let elapsed = 0n;
  while (elapsed < budget) {
    for (let i = 0; i < 20; i++) fn();
    n += 20;
    elapsed = process.hrtime.bigint() - start;
  }
  return Math.round(n / (Number(elapsed) / 1e9));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
