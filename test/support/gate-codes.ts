// Offline signed gate codes (GK1) a test can issue: a signer key added to the data folder's trust list (kept beside a
// card key seedRoster put there), and codes for any holder and colour, signed at the kiosk's clock.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { signGateCode } from '../../src/kiosk/platform/health-codes/gate-code.ts';
import { generateSignerKey, trustListOf } from '../../src/kiosk/platform/health-codes/signer-keys.ts';
import type { TrustListFile } from '../../src/kiosk/platform/health-codes/trust-list.ts';

export type Colour = 'green' | 'yellow' | 'red';

/** Call before the kiosk starts (or it re-reads the list when it changes). */
export function codeSigner(dataDir: string, now: () => Date = () => new Date()): (maskedName: string, colour?: Colour, issuedAt?: Date, idHashHex?: string) => string {
  const key = generateSignerKey();
  const file = path.join(dataDir, 'trust/trust-list.json');
  mkdirSync(path.dirname(file), { recursive: true });
  const fresh = trustListOf([{ key, use: ['code'], label: 'test code signer' }], new Date(now().getTime() - 86_400_000), 30);
  const list: TrustListFile = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { ...fresh, keys: [] };
  writeFileSync(file, JSON.stringify({ ...list, keys: [...list.keys, ...fresh.keys] }));
  return (maskedName, colour = 'green', issuedAt = now(), idHashHex) =>
    signGateCode({ privateKey: key.privateKey, issuer: '健康码测试', colour, maskedName, issuedAt, lifetimeSeconds: 300, ...(idHashHex ? { idHash: Buffer.from(idHashHex, 'hex') } : {}) });
}
