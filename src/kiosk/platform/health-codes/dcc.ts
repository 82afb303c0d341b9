// EU Digital COVID Certificate (HC1:) verification: decoding chain, kid lookup, signature and validity period, then
// what a real verifier also checks: the signer may sign this type (extended key usage), the content says valid (test
// not detected, recovery within validity), the certificate is not revoked, and the business rules in force hold.
import type { FailedRule } from '../../../common/contract/health-code.ts';
import { checkRules, type RuleSetFile } from '../../../common/certlogic/rules.ts';
import { decodeCoseSign1, type CoseSign1, type Decoded } from './cose.ts';
import { decodeCwtClaims, type CwtClaims } from './cwt.ts';
import { cborToJson, readDccContent, type DccContent } from './dcc-content.ts';
import { allowedDccTypes, keyUsageAllows } from './dcc-key-usage.ts';
import { revocationHashes, revocationHit, type DccRevocationList } from './dcc-revocation.ts';
import { checkWindow, invalid, type VerificationOutcome } from './outcome.ts';
import { qrTextToCose } from './qr-text.ts';
import { maskName } from './identity.ts';
import { isoString } from './iso-dates.ts';
import { checkCoseSignature, type TrustedKey } from './signature.ts';

export const DCC_PREFIX = 'HC1:';
const CLAIM_HCERT = -260;

export interface DccDocument {
  cose: CoseSign1;
  claims: CwtClaims;
  /** The DCC JSON document (hcert claim, key 1). */
  hcert: Map<unknown, unknown>;
}

export function decodeDccCose(coseBytes: Uint8Array): Decoded<DccDocument> {
  const cose = decodeCoseSign1(coseBytes);
  if (!cose.ok) return cose;
  const claims = decodeCwtClaims(cose.value.payload);
  if (!claims.ok) return claims;
  const hcertClaim = claims.value.all.get(CLAIM_HCERT);
  if (!(hcertClaim instanceof Map) || !(hcertClaim.get(1) instanceof Map)) return { ok: false, detail: 'no hcert claim (-260 / 1)' };
  return { ok: true, value: { cose: cose.value, claims: claims.value, hcert: hcertClaim.get(1) as Map<unknown, unknown> } };
}

export interface DccTimeCheck {
  expired: boolean | null;
  reasons: Array<'expired' | 'not-yet-valid'>;
  detail: string;
}

/**
 * Valid when signerNotBefore <= iat <= now <= exp <= signerNotAfter: a DCC may not claim a life its signer did not have.
 * Exceeding the signer's life counts as expired, issuing before it as not yet valid.
 */
export function checkDccTimes(claims: CwtClaims, at: Date, signer: TrustedKey | undefined, skewSeconds = 0): DccTimeCheck {
  const validity = checkWindow(claims.iat, claims.exp, at, skewSeconds);
  const reasons = [...validity.reasons];
  const details: string[] = [];
  if (claims.exp === undefined) details.push('no exp claim');
  if (validity.reasons.includes('not-yet-valid')) details.push('issued after the check time (is the kiosk clock behind?)');
  if (validity.expired) details.push(`expired at ${new Date(claims.exp! * 1000).toISOString()}`);
  let expired = validity.expired;
  if (signer?.notBefore && claims.iat !== undefined && claims.iat * 1000 < signer.notBefore.getTime()) {
    if (!reasons.includes('not-yet-valid')) reasons.push('not-yet-valid');
    details.push('issued before its signer certificate became valid');
  }
  if (signer?.notAfter && claims.exp !== undefined && claims.exp * 1000 > signer.notAfter.getTime()) {
    if (!reasons.includes('expired')) reasons.push('expired');
    expired = true;
    details.push('valid beyond its signer certificate');
  }
  return { expired, reasons, detail: details.join('; ') };
}

/** The holder's name masked as a GK1 issuer masks it: enough to compare with the person, not more on screen or in the log. */
function holderName(hcert: Map<unknown, unknown>): string | undefined {
  const nam = hcert.get('nam');
  if (!(nam instanceof Map)) return undefined;
  const parts = [nam.get('gn') ?? nam.get('gnt'), nam.get('fn') ?? nam.get('fnt')].filter((p): p is string => typeof p === 'string' && p.length > 0);
  return parts.length > 0 ? maskName(parts.join(' ')) : undefined;
}

export interface DccCheckOptions {
  /** 0 by the DCC rules; the kiosk allows its configured skew. */
  skewSeconds?: number;
  /** The business rules in force; absent in scripted checks that look at signature, period and content only. */
  rules?: RuleSetFile;
  /** The revocation list; absent in scripted checks. */
  revocation?: DccRevocationList;
}

type DccReason = 'bad-signature' | 'unknown-signer' | 'expired' | 'not-yet-valid' | 'key-usage' | 'content-not-valid' | 'revoked';

/** The checks after the signature and period, in order; each adds its reason and detail. */
function contentChecks(doc: DccDocument, content: DccContent, signer: TrustedKey, at: Date, options: DccCheckOptions) {
  const reasons: DccReason[] = [];
  const details: string[] = [];
  let failedRules: FailedRule[] = [];
  if (!keyUsageAllows(signer.extendedKeyUsage, content.type)) {
    reasons.push('key-usage');
    details.push(`the signer may sign ${allowedDccTypes(signer.extendedKeyUsage).join(', ').toLowerCase()} certificates only, not ${content.type.toLowerCase()}`);
  }
  if (content.notValid.length > 0) {
    reasons.push('content-not-valid');
    details.push(...content.notValid);
  }
  if (options.revocation) {
    const keys = revocationHashes({ uci: content.uci, issuerCountry: doc.claims.iss, alg: doc.cose.alg, signature: doc.cose.signature });
    const hit = revocationHit(options.revocation, keys);
    if (hit) {
      reasons.push('revoked');
      details.push(hit);
    }
  }
  if (options.rules) {
    const check = checkRules(options.rules, {
      type: content.type,
      payload: cborToJson(doc.hcert),
      validationClock: at,
      ...(doc.claims.iat !== undefined ? { issuedAt: new Date(doc.claims.iat * 1000) } : {}),
      ...(doc.claims.exp !== undefined ? { expiresAt: new Date(doc.claims.exp * 1000) } : {}),
    });
    failedRules = check.failed;
    if (failedRules.length > 0) {
      if (!reasons.includes('content-not-valid')) reasons.push('content-not-valid');
      details.push(`${failedRules.length} business rule${failedRules.length === 1 ? '' : 's'} of rule set version ${options.rules.version} failed: ${failedRules.map((r) => `${r.id} ${r.description}`).join('; ')}`);
    }
  }
  return { reasons, details, failedRules };
}

export function verifyDccCose(coseBytes: Uint8Array, keys: readonly TrustedKey[], at: Date, options: DccCheckOptions = {}): VerificationOutcome {
  const decoded = decodeDccCose(coseBytes);
  if (!decoded.ok) return invalid(at, 'malformed', decoded.detail, 'dcc');
  const doc = decoded.value;
  const { cose, claims, hcert } = doc;
  const signature = checkCoseSignature(cose, keys, 'dcc');
  const times = checkDccTimes(claims, at, signature.key, options.skewSeconds ?? 0);
  if (claims.exp === undefined) return invalid(at, 'malformed', 'DCC has no exp claim', 'dcc', { signature: signature.check });
  const content = readDccContent(hcert, at, options.skewSeconds ?? 0);
  if (typeof content === 'string') return invalid(at, 'malformed', content, 'dcc', { signature: signature.check, expired: times.expired });
  const reasons: DccReason[] = signature.check === 'ok' ? [] : [signature.check === 'unknown-key' ? 'unknown-signer' : 'bad-signature'];
  reasons.push(...times.reasons);
  const details = [signature.check === 'ok' ? '' : signature.detail, times.detail].filter(Boolean);
  // What the content says is only worth reading from a certificate whose signature holds.
  const more = signature.key ? contentChecks(doc, content, signature.key, at, options) : { reasons: [], details: [], failedRules: [] };
  reasons.push(...more.reasons);
  details.push(...more.details);
  const first = reasons[0];
  if (first !== undefined) {
    const outcome = invalid(at, first, details.join('; '), 'dcc', { signature: signature.check, expired: times.expired, reasons: [...reasons] });
    if (more.failedRules.length > 0 && outcome.result.status === 'invalid') outcome.result.failedRules = more.failedRules;
    return outcome;
  }
  const name = holderName(hcert);
  const expMs = claims.exp * 1000;
  const validUntilMs = content.validUntil?.getTime();
  const expiresAtMs = validUntilMs !== undefined && validUntilMs < expMs ? validUntilMs : expMs;
  return {
    result: { status: 'green', source: 'dcc', ...(name ? { holderName: name } : {}), checkedAt: isoString(at.getTime()), expiresAt: isoString(expiresAtMs), ...content.facts },
    signature: 'ok',
    expired: false,
    reasons: [],
  };
}

export function verifyDccText(text: string, keys: readonly TrustedKey[], at: Date, options: DccCheckOptions = {}): VerificationOutcome {
  const coseBytes = qrTextToCose(text, DCC_PREFIX);
  if (!coseBytes.ok) return invalid(at, 'malformed', coseBytes.detail, 'dcc');
  return verifyDccCose(coseBytes.value, keys, at, options);
}
