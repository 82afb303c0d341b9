// First start: the compound, the first account (an admin, who can then add managers and volunteers), policy
// defaults, the registry address and devices go into DATA/config.json; the compound's own card-signing key goes into
// the data folder's trust list. The account is created last: its existence is what marks setup as done.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Accounts } from '../accounts/accounts.ts';
import { recordAudit } from '../../platform/audit/audit-log.ts';
import { GateError } from '../../../common/contract/errors.ts';
import type { ParsedInput } from '../../../common/contract/methods.ts';
import { CONFIG_FILE, KioskConfig } from '../../platform/config/kiosk-config.ts';
import { describeIssues, type Caller, type HandlersFor } from '../../platform/calls/dispatcher.ts';
import { generateSignerKey } from '../../platform/health-codes/signer-keys.ts';
import { TrustListFile, trustListFileFor, type RevocationListFile } from '../../platform/health-codes/trust-list.ts';
import type { Db } from '../../platform/store/open-store.ts';

export const CARD_KEY_FILE = 'compound-card.key.pem';

function readRawConfig(dataDir: string): Record<string, unknown> {
  const file = path.join(dataDir, CONFIG_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
}

/** Writes through a temporary file and a rename, so a power cut leaves the old config or the new one, never half. */
export function writeConfig(dataDir: string, raw: Record<string, unknown>): KioskConfig {
  const parsed = KioskConfig.safeParse(raw);
  if (!parsed.success) throw new GateError('bad-input', `These settings are not valid: ${describeIssues(parsed.error)}.`);
  const file = path.join(dataDir, CONFIG_FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(raw, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  return parsed.data;
}

/** Creates the compound's card-signing key once and pins it in the trust list the verifier reads. */
export function ensureCardKey(dataDir: string, trustListPath: string, now: Date): { kid: string; created: boolean } {
  const listFile = path.resolve(dataDir, trustListPath);
  const keyFile = path.join(path.dirname(listFile), CARD_KEY_FILE);
  mkdirSync(path.dirname(listFile), { recursive: true });
  const previous = existsSync(listFile) ? TrustListFile.parse(JSON.parse(readFileSync(listFile, 'utf8'))) : null;
  if (existsSync(keyFile) && previous) {
    const kid = previous.keys.find((k) => k.label === 'compound-card')?.kid;
    if (kid) return { kid, created: false };
  }
  const key = generateSignerKey();
  writeFileSync(keyFile, key.privateKeyPem, { mode: 0o600 });
  const keys = [...(previous?.keys ?? []), { kid: key.kid, publicKey: key.publicKeyPem, use: ['card' as const], label: 'compound-card' }];
  // The compound's own list: a printed card stays valid for a year unless revoked.
  const list = trustListFileFor(keys, now, 365, (previous?.version ?? 0) + 1);
  writeFileSync(listFile, `${JSON.stringify(list, null, 2)}\n`);
  return { kid: key.kid, created: true };
}

/** An empty list of revoked cards: without one the gate cannot trust any printed card (it cannot know none is revoked). */
export function ensureRevocationList(dataDir: string, revocationListPath: string, now: Date): void {
  const file = path.resolve(dataDir, revocationListPath);
  if (existsSync(file)) return;
  mkdirSync(path.dirname(file), { recursive: true });
  const list: RevocationListFile = { version: 1, issuedAt: now.toISOString(), revokedCardIds: [] };
  writeFileSync(file, `${JSON.stringify(list, null, 2)}\n`);
}

export interface SetupDeps {
  db: Db;
  dataDir: string;
  accounts: Accounts;
  config: KioskConfig;
  now: () => Date;
  lan: () => { url: string; fingerprint: string } | null;
}

export function setupHandlers(deps: SetupDeps): HandlersFor<'setup.status' | 'setup.complete'> {
  return {
    'setup.status': () => ({
      needsSetup: !deps.accounts.hasManager(),
      compoundName: deps.config.compoundName,
      compoundCode: deps.config.compoundCode,
      lan: deps.lan(),
    }),
    'setup.complete': (input: ParsedInput<'setup.complete'>, caller: Caller) => {
      if (deps.accounts.hasManager()) throw new GateError('conflict', 'This kiosk is already set up. Sign in as a manager to change its settings.');
      // On the network, only a browser on the kiosk PC itself may set it up (first start with --listen-lan).
      if (caller.via === 'http-lan' && caller.peer !== 'loopback') throw new GateError('forbidden', 'Set the kiosk up on the kiosk itself (or on this PC at 127.0.0.1), not over the network.');
      const raw = readRawConfig(deps.dataDir);
      const thermometer = input.thermometer === 'serial'
        ? { mode: 'serial', path: input.thermometerPath, protocol: input.thermometerProtocol }
        : { mode: 'simulated', scenario: 'normal' };
      const next = {
        ...raw,
        compoundName: input.compoundName,
        compoundCode: input.compoundCode,
        retentionDays: input.retentionDays,
        registry: { ...((raw.registry as object | undefined) ?? {}), ...(input.registryUrl ? { url: input.registryUrl } : {}) },
        policy: { ...((raw.policy as object | undefined) ?? {}), feverLineC: input.feverLineC },
        devices: { ...((raw.devices as object | undefined) ?? {}), thermometer, scanner: { mode: input.scanner } },
      };
      const parsed = writeConfig(deps.dataDir, next);
      const at = deps.now();
      const card = ensureCardKey(deps.dataDir, parsed.healthCodes.trustListPath ?? 'trust/trust-list.json', at);
      ensureRevocationList(deps.dataDir, parsed.healthCodes.revocationListPath ?? 'trust/revoked-cards.json', at);
      Object.assign(deps.config, { compoundName: parsed.compoundName, compoundCode: parsed.compoundCode, retentionDays: parsed.retentionDays, registry: parsed.registry, policy: { ...deps.config.policy, feverLineC: input.feverLineC } });
      const actor = { name: input.manager.username, role: 'admin' as const };
      deps.db.transaction(() => {
        deps.accounts.createUser({ username: input.manager.username, displayName: input.manager.displayName, role: 'admin', password: input.manager.password }, actor);
        recordAudit(deps.db, { actor, action: 'setup', subject: input.compoundCode, detail: { compoundName: input.compoundName, registryUrl: input.registryUrl, cardKid: card.kid, thermometer: input.thermometer, scanner: input.scanner } }, at);
      })();
      return { done: true as const };
    },
  };
}
