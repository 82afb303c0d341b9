// The one entry point: pick the source by what the QR text is, check it, and answer a HealthCodeResult. Never throws.
import type { HealthCodeResult } from '../../../common/contract/health-code.ts';
import { DEFAULT_ONLINE_CODE_PATTERN, HealthCodeConfig, type HealthCodeConfigInput } from './config.ts';
import { DCC_PREFIX, verifyDccText } from './dcc.ts';
import { dccBlocks, dccMaterialLoader, describeBlocks, type DccBlock } from './dcc-material.ts';
import { GATE_CODE_PREFIX, verifyGateCodeText } from './gate-code.ts';
import { verifyOnline } from './online-client.ts';
import { invalid, technical, type VerificationOutcome } from './outcome.ts';
import type { TrustedKey } from './signature.ts';
import { watchedFile } from './watched-file.ts';
import { parseRevocationList, parseTrustList, type RevocationList, type TrustList } from './trust-list.ts';
import { keysOf, sortTrustSources, staleDetail, withRevocations, type ExtraRevocations, type Loaded, type TrustSource, type UsableList } from './trust-sources.ts';

export interface HealthCodeVerifier {
  verify(text: string, at: Date): Promise<HealthCodeResult>;
  /** The same check with the signature and expiry facts and every reason, for scripted checks and the log. */
  verifyDetailed(text: string, at: Date): Promise<VerificationOutcome>;
  /** Whether EU DCCs are accepted and, if so, what blocks checking them now (stale material, a disputed clock). */
  dccStatus(at: Date): Promise<{ accepted: boolean; blocks: DccBlock[] }>;
}

export interface HealthCodeVerifierDeps {
  fetch?: typeof fetch;
  /** More signer lists beside the pinned file (the district's, from the registry), each with its own version and expiry. */
  trustLists?: () => Promise<TrustSource[]>;
  /** Revoked cards beside the revocation list file (the district's); null while there are none. */
  revokedCards?: () => Promise<Loaded<ExtraRevocations> | null>;
  /** Kiosk clock minus the registry's, when known: a disputed clock blocks DCC verification. */
  clockSkewSeconds?: () => number | undefined;
}

/** The longest text a QR code can hold; anything longer did not come from a scan. */
const MAX_TEXT_LENGTH = 4296;

export function createHealthCodeVerifier(configInput: HealthCodeConfigInput, deps: HealthCodeVerifierDeps = {}): HealthCodeVerifier {
  const config = HealthCodeConfig.parse(configInput);
  const accepts = new Set(config.formats);
  const trustList = watchedFile<TrustList>(config.trustListPath, 'trust list', parseTrustList);
  const revocationList = watchedFile<RevocationList>(config.revocationListPath, 'revocation list', parseRevocationList);
  // Joined once per pair of lists (each loader answers the same object until its list changes), not per scan.
  let joined: { local: Loaded<RevocationList>; extra: Loaded<ExtraRevocations> | null; both: Loaded<RevocationList> } | null = null;
  const revocations = async (): Promise<Loaded<RevocationList>> => {
    const local = await revocationList();
    const extra = deps.revokedCards ? await deps.revokedCards() : null;
    if (joined?.local !== local || joined.extra !== extra) joined = { local, extra, both: withRevocations(local, extra) };
    return joined.both;
  };
  const codePattern = new RegExp(config.authority?.codePattern ?? DEFAULT_ONLINE_CODE_PATTERN);

  async function trustSources(): Promise<TrustSource[]> {
    const own: TrustSource[] = config.trustListPath
      ? [{ name: `trust list ${config.trustListPath}`, remedy: 'renew it with `gate-kiosk keys`', loaded: await trustList() }]
      : [];
    const more = deps.trustLists ? await deps.trustLists() : [];
    if (own.length === 0 && more.length === 0) return [{ name: 'trust list', remedy: '', loaded: await trustList() }];
    return [...own, ...more];
  }
  const dccMaterial = dccMaterialLoader(config.dcc, trustSources, deps.clockSkewSeconds);

  /**
   * Checks against the keys of every fresh list first; a signer found only in a stale list is refused as stale, naming
   * that list. A signer in no list is unknown, unless a list could not be read (then nobody can say: technical error).
   */
  async function withTrust(at: Date, source: 'dcc' | 'offline-signed', check: (keys: readonly TrustedKey[], stale?: UsableList) => Promise<VerificationOutcome> | VerificationOutcome) {
    const view = sortTrustSources(await trustSources(), at);
    if (view.fresh.length === 0 && view.stale.length === 0) return technical(at, 'no-trust-list', view.broken.map((b) => b.detail).join('; '), source);
    const first = await check(keysOf(view.fresh));
    if (first.signature !== 'unknown-key' && first.signature !== 'bad') return first;
    for (const list of view.stale) {
      const outcome = await check(list.list.keys, list);
      if (outcome.signature === 'ok') return outcome;
    }
    if (first.signature === 'unknown-key' && view.broken.length > 0) {
      return technical(at, 'no-trust-list', `the signer is in no usable trust list; ${view.broken.map((b) => b.detail).join('; ')}`, source);
    }
    if (view.fresh.length === 0) {
      const why = first.result.status === 'invalid' ? [first.result.detail] : [];
      return invalid(at, 'stale-trust-list', [...view.stale.map(staleDetail), ...why].join('; '), first.result.source ?? source, {
        signature: first.signature,
        expired: first.expired,
        reasons: ['stale-trust-list', ...first.reasons],
      });
    }
    return first;
  }

  async function route(text: string, at: Date): Promise<VerificationOutcome> {
    if (text.length === 0 || text.length > MAX_TEXT_LENGTH) return invalid(at, 'malformed', `a QR text of ${text.length} characters is not a health code`);
    if (text.startsWith(DCC_PREFIX)) {
      if (!accepts.has('dcc')) return invalid(at, 'format-not-accepted', 'EU Digital COVID Certificates are not accepted at this gate', 'dcc');
      const material = await dccMaterial();
      const blocks = dccBlocks(material, at, config.dcc.maxMaterialAgeHours);
      if (blocks.length > 0 || !material.rules.ok || !material.revocation.ok) {
        return technical(at, blocks.some((b) => b.material === 'clock') ? 'clock-unverified' : 'dcc-material-stale', describeBlocks(blocks), 'dcc');
      }
      const options = { skewSeconds: config.skewSeconds, rules: material.rules.value.file, revocation: material.revocation.value };
      return withTrust(at, 'dcc', (keys, stale) => {
        const outcome = verifyDccText(text, keys, at, options);
        if (!stale || outcome.signature !== 'ok') return outcome;
        return invalid(at, 'stale-trust-list', staleDetail(stale), 'dcc', { signature: 'ok', expired: outcome.expired, reasons: ['stale-trust-list', ...outcome.reasons] });
      });
    }
    if (text.startsWith(GATE_CODE_PREFIX)) {
      if (!accepts.has('offline-signed') && !accepts.has('resident-card')) return invalid(at, 'format-not-accepted', 'offline signed codes are not accepted at this gate', 'offline-signed');
      const revocation = accepts.has('resident-card') ? await revocations() : undefined;
      return withTrust(at, 'offline-signed', (keys, stale) => {
        const outcome = verifyGateCodeText(text, keys, at, {
          skewSeconds: config.skewSeconds,
          maxAgeSeconds: config.maxAgeSeconds,
          ...(stale ? { trustListExpiresAt: stale.list.expiresAt, staleDetail: staleDetail(stale) } : {}),
          ...(revocation?.ok ? { revocation: revocation.value } : {}),
        });
        const source = outcome.result.source;
        if (source === 'resident-card' && !accepts.has('resident-card')) return invalid(at, 'format-not-accepted', 'printed resident cards are not accepted at this gate', source);
        if (source === 'offline-signed' && !accepts.has('offline-signed')) return invalid(at, 'format-not-accepted', 'offline signed codes are not accepted at this gate', source);
        if (outcome.result.status === 'error' && revocation && !revocation.ok) return technical(at, 'no-trust-list', revocation.detail, 'resident-card');
        return outcome;
      });
    }
    if (codePattern.test(text)) {
      if (!accepts.has('online') || !config.authority) return invalid(at, 'format-not-accepted', 'online health codes are not accepted at this gate', 'online');
      return verifyOnline(text, at, config.authority, deps.fetch);
    }
    return invalid(at, 'malformed', 'not a health code this gate knows (expected HC1:, GK1: or an authority code)');
  }

  async function verifyDetailed(text: string, at: Date): Promise<VerificationOutcome> {
    try {
      return await route(typeof text === 'string' ? text.trim() : '', at);
    } catch (error) {
      // A bug must never turn into a colour; it is reported as an unusable code with the cause.
      return invalid(at, 'malformed', `could not be checked: ${(error as Error)?.message ?? String(error)}`);
    }
  }

  return {
    verifyDetailed,
    async dccStatus(at) {
      if (!accepts.has('dcc')) return { accepted: false, blocks: [] };
      return { accepted: true, blocks: dccBlocks(await dccMaterial(), at, config.dcc.maxMaterialAgeHours) };
    },
    async verify(text, at) {
      return (await verifyDetailed(text, at)).result;
    },
  };
}
