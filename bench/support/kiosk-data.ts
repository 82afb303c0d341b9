// A kiosk data folder in a temp dir with a real trust list pinning a seeded signer key, and codes signed by it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signGateCode, type Colour } from '../../src/kiosk/platform/health-codes/gate-code.ts';
import { trustListOf, type SignerKey } from '../../src/kiosk/platform/health-codes/signer-keys.ts';
import { seededSignerKey } from './measure.ts';

export interface BenchKioskData {
  dataDir: string;
  signer: SignerKey;
  /** A GK1 code as a phone would show it now; valid for the verifier's maxAgeSeconds (10 minutes). */
  code(colour: Colour, maskedName: string, cardId?: string): string;
  remove(): void;
}

/** `under`: the folder for the temp data dir (default the system temp dir; /dev/shm where disk speed is not the question). */
export function benchKioskData(options: { config?: Record<string, unknown>; under?: string } = {}): BenchKioskData {
  const dir = mkdtempSync(path.join(options.under ?? os.tmpdir(), 'gate-kiosk-bench-'));
  // Run alone (not from bench/run.ts): the database key goes beside the data folder, not into ~/.config, and goes with it.
  const keys = process.env.GATE_KIOSK_KEY_DIR ? null : `${dir}-keys`;
  if (keys) process.env.GATE_KIOSK_KEY_DIR = keys;
  const temp = { dir, remove: () => (rmSync(dir, { recursive: true, force: true }), keys && rmSync(keys, { recursive: true, force: true })) };
  const signer = seededSignerKey('authority');
  mkdirSync(path.join(temp.dir, 'trust'), { recursive: true });
  writeFileSync(path.join(temp.dir, 'trust', 'trust-list.json'), JSON.stringify(trustListOf([{ key: signer, use: ['code', 'card'], label: 'bench authority' }], new Date(Date.now() - 86_400_000), 30)));
  writeFileSync(path.join(temp.dir, 'trust', 'revoked-cards.json'), JSON.stringify({ version: 1, issuedAt: new Date().toISOString(), revokedCardIds: [] }));
  if (options.config) writeFileSync(path.join(temp.dir, 'config.json'), JSON.stringify(options.config));
  return {
    dataDir: temp.dir,
    signer,
    code: (colour, maskedName, cardId) =>
      signGateCode({ privateKey: signer.privateKey, issuer: 'bench-authority', colour, maskedName, issuedAt: new Date(), lifetimeSeconds: cardId ? 365 * 86_400 : 300, ...(cardId ? { cardId } : {}) }),
    remove: temp.remove,
  };
}
