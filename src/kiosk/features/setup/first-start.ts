// First start: the compound, the first account (an admin, who can then add managers and volunteers), policy
// defaults, the registry address and devices go into DATA/config.json; the compound's own card-signing key goes into
// the data folder's trust list. The account is created last: its existence is what marks setup as done.
import type { Accounts } from '../accounts/accounts.ts';
import { recordAudit } from '../../platform/audit/audit-log.ts';
import { GateError } from '../../../common/contract/errors.ts';
import type { ParsedInput } from '../../../common/contract/methods.ts';
import { readRawConfig, writeConfig, type KioskConfig } from '../../platform/config/kiosk-config.ts';
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';
import type { Caller } from '../../platform/calls/caller.ts';
import { ensureCardKey, ensureRevocationList } from '../../platform/health-codes/compound-files.ts';
import type { Db } from '../../platform/store/open-store.ts';
import type { setupMethods } from '../../../common/contract/methods/setup.ts';

export type SetupMethod = keyof typeof setupMethods;

export interface SetupDeps {
  db: Db;
  dataDir: string;
  accounts: Accounts;
  config: KioskConfig;
  now: () => Date;
  lan: () => { url: string; fingerprint: string } | null;
}

export function setupHandlers(deps: SetupDeps): HandlersFor<SetupMethod> {
  // One setup at a time: the first admin's password is hashed off the main thread, and a second setup must not slip in.
  let settingUp = false;
  return {
    'setup.status': (_input, caller) => {
      // Before a sign-in the network learns nothing about the compound; only this PC is told setup is still to do.
      if (caller.via === 'http-lan' && !caller.user) return { signInRequired: true as const, needsSetup: caller.peer === 'loopback' && !deps.accounts.hasManager() };
      return { signInRequired: false as const, needsSetup: !deps.accounts.hasManager(), compoundName: deps.config.compoundName, compoundCode: deps.config.compoundCode, lan: deps.lan() };
    },
    'setup.complete': async (input: ParsedInput<'setup.complete'>, caller: Caller) => {
      if (deps.accounts.hasManager() || settingUp) throw new GateError('conflict', 'This kiosk is already set up. Sign in as a manager to change its settings.', { key: 'already-set-up' });
      // On the network, only a browser on the kiosk PC itself may set it up (first start with --listen-lan).
      if (caller.via === 'http-lan' && caller.peer !== 'loopback') throw new GateError('forbidden', 'Set the kiosk up on the kiosk itself (or on this PC at 127.0.0.1), not over the network.', { key: 'set-up-locally' });
      settingUp = true;
      try {
        await complete(input);
      } finally {
        settingUp = false;
      }
      return { done: true as const };
    },
  };

  async function complete(input: ParsedInput<'setup.complete'>): Promise<void> {
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
    const card = ensureCardKey(deps.db, deps.dataDir, parsed.healthCodes.trustListPath ?? 'trust/trust-list.json', at);
    ensureRevocationList(deps.dataDir, parsed.healthCodes.revocationListPath ?? 'trust/revoked-cards.json', at);
    Object.assign(deps.config, { compoundName: parsed.compoundName, compoundCode: parsed.compoundCode, retentionDays: parsed.retentionDays, registry: parsed.registry, policy: { ...deps.config.policy, feverLineC: input.feverLineC } });
    const actor = { name: input.manager.username, role: 'admin' as const };
    await deps.accounts.createUser({ username: input.manager.username, displayName: input.manager.displayName, role: 'admin', password: input.manager.password }, actor, () => {
      recordAudit(deps.db, { actor, action: 'setup', subject: input.compoundCode, detail: { compoundName: input.compoundName, registryUrl: input.registryUrl, cardKid: card.kid, thermometer: input.thermometer, scanner: input.scanner } }, at);
    });
  }
}
