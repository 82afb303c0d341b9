// Freshness gates for EU DCC verification (the Italian verifier's rule): the signer keys, the business rules and the
// revocation list must each be confirmed current within the last 24 hours, and the kiosk clock must agree with the
// registry's where that is known. Anything stale blocks DCC verification, saying which material and since when.
import { z } from 'zod';
import type { DccBlock } from '../../../common/contract/health-code.ts';
import { CLOCK_WARNING_SECONDS } from '../../../common/contract/methods/sync.ts';
import { RuleSetFile } from '../../../common/certlogic/rules.ts';
import type { DccConfig } from './config.ts';
import type { DccRevocationList } from './dcc-revocation.ts';
import { revocationStore } from './dcc-revocation-store.ts';
import type { Loaded, TrustSource } from './trust-sources.ts';
import { watchedFile } from './watched-file.ts';

/** A block's `since`: when the material became unusable (ISO-8601); null when it never was usable, and for the clock. */
export type { DccBlock };

/** A pinned rule set and when its source last confirmed it (null when nobody did: its issue time counts). */
export interface PinnedRules {
  file: RuleSetFile;
  confirmedAt: Date | null;
}

export function parseRuleSet(json: string): RuleSetFile {
  return RuleSetFile.parse(JSON.parse(json));
}

const iso = (ms: number) => new Date(ms).toISOString();

/** A material confirmed at `freshAt` and valid until `expiresAt` is stale from the earlier of freshAt + max age and expiresAt. */
function staleSince(freshAt: Date, expiresAt: Date | null, maxAgeMs: number): number {
  return Math.min(freshAt.getTime() + maxAgeMs, expiresAt?.getTime() ?? Number.POSITIVE_INFINITY);
}

export interface DccMaterialView {
  /** The trust lists with DCC signer keys, each with when it was last confirmed current. */
  signerLists: Array<{ name: string; source: TrustSource; confirmedAt: Date | null }>;
  rules: Loaded<PinnedRules>;
  revocation: Loaded<DccRevocationList>;
  /** Kiosk clock minus the registry's, from the last answer; undefined when the kiosk is not enrolled or never got one. */
  clockSkewSeconds: number | undefined;
}

export function dccBlocks(view: DccMaterialView, at: Date, maxAgeHours: number): DccBlock[] {
  const maxAgeMs = maxAgeHours * 3_600_000;
  const now = at.getTime();
  const blocks: DccBlock[] = [];
  const hours = `${maxAgeHours} hours`;

  const lists = view.signerLists.flatMap((l) => (l.source.loaded.ok && l.source.loaded.value.keys.some((k) => k.uses.includes('dcc')) ? [{ ...l, list: l.source.loaded.value }] : []));
  if (lists.length === 0) blocks.push({ material: 'signer-keys', since: null, detail: 'no trust list holds EU DCC signer keys: pin them (use "dcc") or connect the kiosk to the registry' });
  else {
    const until = Math.max(...lists.map((l) => staleSince(l.confirmedAt ?? l.list.issuedAt, l.list.expiresAt, maxAgeMs)));
    if (now > until) blocks.push({ material: 'signer-keys', since: iso(until), detail: `the DCC signer keys (${lists.map((l) => `${l.name} version ${l.list.version}`).join(', ')}) have not been confirmed current for more than ${hours}` });
  }

  if (!view.rules.ok) blocks.push({ material: 'rules', since: null, detail: view.rules.detail });
  else {
    const { file, confirmedAt } = view.rules.value;
    const fresh = confirmedAt && confirmedAt.getTime() > Date.parse(file.issuedAt) ? confirmedAt : new Date(file.issuedAt);
    const until = staleSince(fresh, new Date(file.expiresAt), maxAgeMs);
    if (now > until) blocks.push({ material: 'rules', since: iso(until), detail: `the DCC business rules version ${file.version} are older than ${hours} or past their expiry` });
  }

  if (!view.revocation.ok) blocks.push({ material: 'revocation-list', since: null, detail: view.revocation.detail });
  else {
    const until = staleSince(view.revocation.value.checkedAt, null, maxAgeMs);
    if (now > until) blocks.push({ material: 'revocation-list', since: iso(until), detail: `the DCC revocation list version ${view.revocation.value.version} has not been confirmed for more than ${hours}` });
  }

  const skew = view.clockSkewSeconds;
  if (skew !== undefined && Math.abs(skew) > CLOCK_WARNING_SECONDS) {
    const minutes = Math.round(Math.abs(skew) / 60);
    blocks.push({ material: 'clock', since: null, detail: `the kiosk clock is ${minutes} minute${minutes === 1 ? '' : 's'} ${skew > 0 ? 'ahead of' : 'behind'} the registry's: DCC validity cannot be judged until the time is fixed` });
  }
  return blocks;
}

export function describeBlocks(blocks: readonly DccBlock[]): string {
  return `EU DCCs cannot be checked: ${blocks.map((b) => `${b.detail}${b.since ? ` (since ${b.since})` : ''}`).join('; ')}`;
}

/** `{rulesPath}.checked.json`: the version a DCC source last confirmed current, and when. */
export const RulesConfirmation = z.object({ version: z.number().int().nonnegative(), checkedAt: z.iso.datetime({ offset: true }) });
export const rulesConfirmationPath = (rulesPath: string) => `${rulesPath}.checked.json`;

/** Loads the rule set, its confirmation, the revocation list and the signer lists, each when it changes on disk. */
export function dccMaterialLoader(config: DccConfig, trustSources: () => Promise<TrustSource[]>, clockSkewSeconds?: () => number | undefined) {
  const rules = watchedFile(config.rulesPath, 'DCC rule set', parseRuleSet);
  const confirmation = watchedFile(config.rulesPath ? rulesConfirmationPath(config.rulesPath) : undefined, 'DCC rule set confirmation', (json) => RulesConfirmation.parse(JSON.parse(json)));
  const revocation = revocationStore(config.revocationDir);
  return async (): Promise<DccMaterialView> => {
    const [file, confirmed, list, sources] = await Promise.all([rules(), confirmation(), revocation(), trustSources()]);
    const confirmedAt = file.ok && confirmed.ok && confirmed.value.version === file.value.version ? new Date(confirmed.value.checkedAt) : null;
    return {
      signerLists: sources.map((source) => ({ name: source.name, source, confirmedAt: source.confirmedAt ?? null })),
      rules: file.ok ? { ok: true, value: { file: file.value, confirmedAt } } : file,
      revocation: list,
      clockSkewSeconds: clockSkewSeconds?.(),
    };
  };
}
