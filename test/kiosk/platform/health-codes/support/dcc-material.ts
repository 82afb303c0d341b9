// Fresh EU DCC material in a temp folder for verifier tests: a trust list with DCC signers, a pinned rule set and a
// revocation list (real chunk files and state.json), each dated just before the check time so the 24 h gates pass.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BusinessRule, RuleSetFile } from '../../../../../src/common/certlogic/rules.ts';
import type { HashType } from '../../../../../src/kiosk/platform/health-codes/dcc-revocation.ts';
import { chunkFile, RECORD_BYTES, sha256Hex, STATE_FILE, TYPE_BYTE, type RevocationState } from '../../../../../src/kiosk/platform/health-codes/dcc-revocation-store.ts';
import { trustedKeyFromText } from '../../../../../src/kiosk/platform/health-codes/signature.ts';

const HOUR = 3_600_000;

export interface Revoked {
  type: HashType;
  /** 32 hex characters (16 bytes). */
  hash: string;
}

/** The records of a revocation chunk: a type byte and the 16-byte hash each. */
export function chunkBytes(entries: readonly Revoked[]): Buffer {
  const bytes = Buffer.alloc(entries.length * RECORD_BYTES);
  entries.forEach((e, i) => {
    bytes[i * RECORD_BYTES] = TYPE_BYTE[e.type];
    Buffer.from(e.hash, 'hex').copy(bytes, i * RECORD_BYTES + 1);
  });
  return bytes;
}

export function ruleSet(at: Date, rules: BusinessRule[] = [], change: Partial<RuleSetFile> = {}): RuleSetFile {
  return {
    version: 1,
    issuedAt: new Date(at.getTime() - HOUR).toISOString(),
    expiresAt: new Date(at.getTime() + 30 * 24 * HOUR).toISOString(),
    country: 'CN',
    valueSets: { 'covid-19-lab-result': ['260415000', '260373001'], 'covid-19-lab-test-type': ['LP6464-4', 'LP217198-3'] },
    rules,
    ...change,
  };
}

/** A business rule in the gateway's shape, valid for years around the check. */
export function rule(id: string, type: BusinessRule['CertificateType'], logic: unknown, description: string, change: Partial<BusinessRule> = {}): BusinessRule {
  return {
    Identifier: id,
    Type: 'Acceptance',
    Country: 'CN',
    Version: '1.0.0',
    SchemaVersion: '1.3.0',
    Engine: 'CERTLOGIC',
    EngineVersion: '1.3.2',
    CertificateType: type,
    Description: [{ lang: 'en', desc: description }, { lang: 'zh', desc: `规则 ${id}` }],
    ValidFrom: '2020-01-01T00:00:00Z',
    ValidTo: '2030-01-01T00:00:00Z',
    AffectedFields: [],
    Logic: logic,
    ...change,
  };
}

export interface DccMaterialDir {
  dir: string;
  trustListPath: string;
  rulesPath: string;
  revocationDir: string;
  writeTrust(certificates: readonly string[], issuedAt: Date): void;
  writeRules(file: RuleSetFile): void;
  writeRevoked(entries: readonly Revoked[], checkedAt: Date, version?: number): void;
  cleanup(): void;
}

export function dccMaterialDir(at: Date, certificates: readonly string[]): DccMaterialDir {
  const dir = mkdtempSync(path.join(tmpdir(), 'gate-dcc-'));
  const trustListPath = path.join(dir, 'trust-list.json');
  const rulesPath = path.join(dir, 'dcc-rules.json');
  const revocationDir = path.join(dir, 'dcc-revocation');
  mkdirSync(revocationDir);
  const m: DccMaterialDir = {
    dir,
    trustListPath,
    rulesPath,
    revocationDir,
    writeTrust(certs, issuedAt) {
      const keys = certs.map((c) => ({ kid: trustedKeyFromText(c).certKid!, publicKey: c, use: ['dcc'] as const }));
      writeFileSync(trustListPath, JSON.stringify({ version: 1, issuedAt: issuedAt.toISOString(), expiresAt: new Date(issuedAt.getTime() + 30 * 24 * HOUR).toISOString(), keys }));
    },
    writeRules(file) {
      writeFileSync(rulesPath, JSON.stringify(file));
    },
    writeRevoked(entries, checkedAt, version = 1) {
      const bytes = chunkBytes(entries);
      writeFileSync(chunkFile(revocationDir, version, 0), bytes);
      const state: RevocationState = { version, issuedAt: checkedAt.toISOString(), checkedAt: checkedAt.toISOString(), chunks: [{ index: 0, size: bytes.length, sha256: sha256Hex(bytes) }] };
      writeFileSync(path.join(revocationDir, STATE_FILE), JSON.stringify(state));
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
  m.writeTrust(certificates, new Date(at.getTime() - HOUR));
  m.writeRules(ruleSet(at));
  m.writeRevoked([], new Date(at.getTime() - HOUR));
  return m;
}
