// The kiosk's health-code verifier, built from its configuration; file paths are relative to the data folder.
// Beside the compound's own files it trusts the district's signer list and honours the district's revoked cards,
// both as last downlinked from the registry.
import path from 'node:path';
import { z } from 'zod';
import type { CodeVerifier } from './checkpoint-service.ts';
import { createHealthCodeVerifier } from '../../platform/health-codes/index.ts';
import { parseTrustList } from '../../platform/health-codes/trust-list.ts';
import type { ExtraRevocations, Loaded, TrustSource } from '../../platform/health-codes/trust-sources.ts';
import type { DownlinkHead, LocalDownlink } from '../sync/kiosk-state.ts';
import { RevokedCards } from '../../../common/wire/schemas.ts';
import type { SignedKind } from '../../../common/wire/signed-documents.ts';
import type { KioskConfig } from '../../platform/config/kiosk-config.ts';

export type ReadDownlink = (kind: SignedKind) => LocalDownlink | null;
/** The held version alone: read at every scan, so the content is parsed only when the version changed. */
export type ReadDownlinkHead = (kind: SignedKind) => DownlinkHead | null;

const DISTRICT_LIST = 'district trust list (from the registry)';
const CONNECT = 'connect the kiosk to the registry so it fetches a current one';

/** The district's trust list as a source; none until the district has published one (version 0 is the empty default). */
export function districtTrustSource(read: ReadDownlink, head: ReadDownlinkHead = read): () => TrustSource[] {
  let cache: { version: number; source: TrustSource } | null = null;
  return () => {
    const held = head('trust-list');
    if (!held || held.version === 0) return [];
    if (cache?.version !== held.version) {
      const doc = read('trust-list');
      if (!doc || doc.version === 0) return [];
      let loaded: Loaded<ReturnType<typeof parseTrustList>>;
      try {
        loaded = { ok: true, value: parseTrustList(JSON.stringify(doc.content)) };
      } catch (error) {
        const why = error instanceof z.ZodError ? z.prettifyError(error).replace(/\s+/g, ' ') : (error as Error).message;
        loaded = { ok: false, detail: `${DISTRICT_LIST} version ${doc.version} is unusable (${why}): ask the district to publish a correct one` };
      }
      cache = { version: doc.version, source: { name: DISTRICT_LIST, remedy: CONNECT, loaded } };
    }
    // Confirmed at every exchange while the version stays: that, not its issue time, is the list's age for DCC checks.
    return [{ ...cache.source, confirmedAt: new Date(held.checkedAt) }];
  };
}

export function districtRevocations(read: ReadDownlink, head: ReadDownlinkHead = read): () => Loaded<ExtraRevocations> | null {
  let cache: { version: number; loaded: Loaded<ExtraRevocations> } | null = null;
  return () => {
    const held = head('revoked-cards');
    if (!held || held.version === 0) return null;
    if (cache?.version !== held.version) {
      const doc = read('revoked-cards');
      if (!doc || doc.version === 0) return null;
      const parsed = RevokedCards.safeParse(doc.content);
      const name = `the district's revoked cards version ${doc.version}`;
      cache = {
        version: doc.version,
        loaded: parsed.success ? { ok: true, value: { name, cardIds: new Set(parsed.data.cardIds) } } : { ok: false, detail: `${name} is unreadable: ask the district to publish it again` },
      };
    }
    return cache.loaded;
  };
}

/** Where the DCC material lives in the data folder unless config.json says otherwise. */
export const DCC_RULES_FILE = 'trust/dcc-rules.json';
export const DCC_REVOCATION_DIR = 'trust/dcc-revocation';

/** The DCC rule set file and revocation folder of this kiosk, as absolute paths. */
export function dccMaterialPaths(config: KioskConfig, dataDir: string): { rulesPath: string; revocationDir: string } {
  const dcc = config.healthCodes.dcc;
  return { rulesPath: path.resolve(dataDir, dcc.rulesPath ?? DCC_RULES_FILE), revocationDir: path.resolve(dataDir, dcc.revocationDir ?? DCC_REVOCATION_DIR) };
}

export interface VerifierLinks {
  downlink?: ReadDownlink;
  downlinkHead?: ReadDownlinkHead;
  /** Kiosk clock minus the registry's, when known (a disputed clock blocks DCC checking). */
  clockSkewSeconds?: () => number | undefined;
}

export function createVerifier(config: KioskConfig, dataDir: string, links: VerifierLinks = {}): CodeVerifier {
  const { downlink } = links;
  const inData = (file: string | undefined) => (file ? path.resolve(dataDir, file) : undefined);
  const dcc = config.healthCodes.dcc;
  const trustLists = downlink ? districtTrustSource(downlink, links.downlinkHead) : null;
  const revokedCards = downlink ? districtRevocations(downlink, links.downlinkHead) : null;
  return createHealthCodeVerifier(
    {
      ...config.healthCodes,
      trustListPath: inData(config.healthCodes.trustListPath),
      revocationListPath: inData(config.healthCodes.revocationListPath),
      dcc: { ...dcc, ...dccMaterialPaths(config, dataDir) },
    },
    {
      ...(links.clockSkewSeconds ? { clockSkewSeconds: links.clockSkewSeconds } : {}),
      ...(trustLists ? { trustLists: async () => trustLists() } : {}),
      ...(revokedCards ? { revokedCards: async () => revokedCards() } : {}),
    },
  );
}
