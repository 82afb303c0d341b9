// The one entry point: pick the source by what the QR text is, check it, and answer a HealthCodeResult. Never throws.
import { stat, readFile } from 'node:fs/promises';
import type { HealthCodeResult } from '../contract/health-code.ts';
import { DEFAULT_ONLINE_CODE_PATTERN, HealthCodeConfig, type HealthCodeConfigInput } from './config.ts';
import { DCC_PREFIX, verifyDccText } from './dcc.ts';
import { GATE_CODE_PREFIX, verifyGateCodeText } from './gate-code.ts';
import { verifyOnline } from './online-client.ts';
import { invalid, technical, type VerificationOutcome } from './outcome.ts';
import { parseRevocationList, parseTrustList, type RevocationList, type TrustList } from './trust-list.ts';

export interface HealthCodeVerifier {
  verify(text: string, at: Date): Promise<HealthCodeResult>;
  /** The same check with the signature and expiry facts and every reason, for scripted checks and the log. */
  verifyDetailed(text: string, at: Date): Promise<VerificationOutcome>;
}

export interface HealthCodeVerifierDeps {
  fetch?: typeof fetch;
}

/** The longest text a QR code can hold; anything longer did not come from a scan. */
const MAX_TEXT_LENGTH = 4296;

type Loaded<T> = { ok: true; value: T } | { ok: false; detail: string };

/** Re-reads a JSON file when it changes on disk, so a refreshed trust list takes effect without a restart. */
function watchedFile<T>(path: string | undefined, what: string, parse: (json: string) => T): () => Promise<Loaded<T>> {
  let cache: { stamp: string; loaded: Loaded<T> } | undefined;
  return async () => {
    if (!path) return { ok: false, detail: `no ${what} configured` };
    try {
      const info = await stat(path);
      const stamp = `${info.mtimeMs}:${info.size}`;
      if (cache?.stamp !== stamp) {
        let loaded: Loaded<T>;
        try {
          loaded = { ok: true, value: parse(await readFile(path, 'utf8')) };
        } catch (error) {
          loaded = { ok: false, detail: `${what} ${path} is unreadable: ${(error as Error).message}` };
        }
        cache = { stamp, loaded };
      }
      return cache.loaded;
    } catch {
      return { ok: false, detail: `${what} ${path} is missing` };
    }
  };
}

export function createHealthCodeVerifier(configInput: HealthCodeConfigInput, deps: HealthCodeVerifierDeps = {}): HealthCodeVerifier {
  const config = HealthCodeConfig.parse(configInput);
  const accepts = new Set(config.formats);
  const trustList = watchedFile<TrustList>(config.trustListPath, 'trust list', parseTrustList);
  const revocationList = watchedFile<RevocationList>(config.revocationListPath, 'revocation list', parseRevocationList);
  const codePattern = new RegExp(config.authority?.codePattern ?? DEFAULT_ONLINE_CODE_PATTERN);

  async function withTrust(at: Date, source: 'dcc' | 'offline-signed', check: (list: TrustList) => Promise<VerificationOutcome> | VerificationOutcome) {
    const list = await trustList();
    if (!list.ok) return technical(at, 'no-trust-list', list.detail, source);
    return check(list.value);
  }

  async function route(text: string, at: Date): Promise<VerificationOutcome> {
    if (text.length === 0 || text.length > MAX_TEXT_LENGTH) return invalid(at, 'malformed', `a QR text of ${text.length} characters is not a health code`);
    if (text.startsWith(DCC_PREFIX)) {
      if (!accepts.has('dcc')) return invalid(at, 'format-not-accepted', 'EU Digital COVID Certificates are not accepted at this gate', 'dcc');
      return withTrust(at, 'dcc', (list) => {
        if (at.getTime() > list.expiresAt.getTime()) {
          return invalid(at, 'stale-trust-list', `trust list version ${list.version} expired at ${list.expiresAt.toISOString()}: update it`, 'dcc');
        }
        return verifyDccText(text, list.keys, at, config.skewSeconds);
      });
    }
    if (text.startsWith(GATE_CODE_PREFIX)) {
      if (!accepts.has('offline-signed') && !accepts.has('resident-card')) return invalid(at, 'format-not-accepted', 'offline signed codes are not accepted at this gate', 'offline-signed');
      return withTrust(at, 'offline-signed', async (list) => {
        const revocation = accepts.has('resident-card') ? await revocationList() : undefined;
        const outcome = verifyGateCodeText(text, list.keys, at, {
          skewSeconds: config.skewSeconds,
          maxAgeSeconds: config.maxAgeSeconds,
          trustListExpiresAt: list.expiresAt,
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
    async verify(text, at) {
      return (await verifyDetailed(text, at)).result;
    },
  };
}
