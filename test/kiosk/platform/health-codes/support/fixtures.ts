// Real keys, real trust-list files in a temp dir, and a simulator on 127.0.0.1 for verifier tests.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signGateCode, type GateCodeInput } from '../../../../../src/kiosk/platform/health-codes/gate-code.ts';
import { generateSignerKey, trustListOf, type SignerKey } from '../../../../../src/kiosk/platform/health-codes/signer-keys.ts';
import type { TrustListFile } from '../../../../../src/kiosk/platform/health-codes/trust-list.ts';

export const T0 = new Date('2024-03-01T08:00:00Z');
export const authorityKey = generateSignerKey();
export const compoundKey = generateSignerKey();
export const strangerKey = generateSignerKey();

export function code(overrides: Partial<GateCodeInput> = {}, key: SignerKey = authorityKey): string {
  return signGateCode({ privateKey: key.privateKey, issuer: 'test authority', colour: 'green', maskedName: '张*', issuedAt: T0, lifetimeSeconds: 300, ...overrides });
}

export function card(overrides: Partial<GateCodeInput> = {}): string {
  return code({ cardId: 'C-0001', lifetimeSeconds: 365 * 86_400, ...overrides }, compoundKey);
}

export interface TrustDir {
  dir: string;
  trustListPath: string;
  revocationListPath: string;
  writeTrustList(file: TrustListFile): void;
  writeRevoked(ids: string[]): void;
  cleanup(): void;
}

export function trustDir(
  extraTrust: Array<{ kid: string; publicKey: string; use: Array<'code' | 'card' | 'dcc'> }> = [],
  validity = { from: new Date(T0.getTime() - 86_400_000), days: 30 },
): TrustDir {
  const dir = mkdtempSync(path.join(tmpdir(), 'gate-hc-'));
  const trustListPath = path.join(dir, 'trust-list.json');
  const revocationListPath = path.join(dir, 'revoked.json');
  const writeTrustList = (file: TrustListFile) => writeFileSync(trustListPath, JSON.stringify(file));
  const writeRevoked = (ids: string[]) => writeFileSync(revocationListPath, JSON.stringify({ version: 1, issuedAt: T0.toISOString(), revokedCardIds: ids }));
  const list = trustListOf([{ key: authorityKey, use: ['code'] }, { key: compoundKey, use: ['card'] }], validity.from, validity.days);
  writeTrustList({ ...list, keys: [...list.keys, ...extraTrust] });
  writeRevoked(['C-REVOKED']);
  return { dir, trustListPath, revocationListPath, writeTrustList, writeRevoked, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
