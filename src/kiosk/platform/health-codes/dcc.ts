// EU Digital COVID Certificate (HC1:) verification: decoding chain, kid lookup, signature and validity period.
import { decodeCoseSign1, type CoseSign1, type Decoded } from './cose.ts';
import { decodeCwtClaims, type CwtClaims } from './cwt.ts';
import { checkWindow, invalid, type VerificationOutcome } from './outcome.ts';
import { qrTextToCose } from './qr-text.ts';
import { checkCoseSignature, type TrustedKey } from './signature.ts';

export const DCC_PREFIX = 'HC1:';
const CLAIM_HCERT = -260;

export interface DccContent {
  cose: CoseSign1;
  claims: CwtClaims;
  /** The DCC JSON document (hcert claim, key 1). */
  hcert: Map<unknown, unknown>;
}

export function decodeDccCose(coseBytes: Uint8Array): Decoded<DccContent> {
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

function holderName(hcert: Map<unknown, unknown>): string | undefined {
  const nam = hcert.get('nam');
  if (!(nam instanceof Map)) return undefined;
  const parts = [nam.get('gn') ?? nam.get('gnt'), nam.get('fn') ?? nam.get('fnt')].filter((p): p is string => typeof p === 'string' && p.length > 0);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

export function verifyDccCose(coseBytes: Uint8Array, keys: readonly TrustedKey[], at: Date, skewSeconds = 0): VerificationOutcome {
  const content = decodeDccCose(coseBytes);
  if (!content.ok) return invalid(at, 'malformed', content.detail, 'dcc');
  const { cose, claims, hcert } = content.value;
  const signature = checkCoseSignature(cose, keys, 'dcc');
  const times = checkDccTimes(claims, at, signature.key, skewSeconds);
  if (claims.exp === undefined) return invalid(at, 'malformed', 'DCC has no exp claim', 'dcc', { signature: signature.check });
  const signatureReason = signature.check === 'ok' ? [] : [signature.check === 'unknown-key' ? 'unknown-signer' : 'bad-signature'] as const;
  const reasons = [...signatureReason, ...times.reasons];
  const first = reasons[0];
  if (first !== undefined) {
    const detail = [signature.check === 'ok' ? '' : signature.detail, times.detail].filter(Boolean).join('; ');
    return invalid(at, first, detail, 'dcc', { signature: signature.check, expired: times.expired, reasons: [...reasons] });
  }
  const name = holderName(hcert);
  return {
    result: { status: 'green', source: 'dcc', ...(name ? { holderName: name } : {}), checkedAt: at.toISOString(), expiresAt: new Date(claims.exp * 1000).toISOString() },
    signature: 'ok',
    expired: false,
    reasons: [],
  };
}

export function verifyDccText(text: string, keys: readonly TrustedKey[], at: Date, skewSeconds = 0): VerificationOutcome {
  const coseBytes = qrTextToCose(text, DCC_PREFIX);
  if (!coseBytes.ok) return invalid(at, 'malformed', coseBytes.detail, 'dcc');
  return verifyDccCose(coseBytes.value, keys, at, skewSeconds);
}
