// A verification outcome: the one result type plus the facts a scripted check wants (signature, expiry, all reasons).
import type { HealthCodeResult } from '../../../common/contract/health-code.ts';
import { isoString } from './iso-dates.ts';
import type { SignatureCheck } from './signature.ts';

type Invalid = Extract<HealthCodeResult, { status: 'invalid' }>;
type Technical = Extract<HealthCodeResult, { status: 'error' }>;
export type CodeSourceName = NonNullable<Invalid['source']>;

export interface VerificationOutcome {
  result: HealthCodeResult;
  signature: SignatureCheck;
  /** null when the validity period could not be read. */
  expired: boolean | null;
  /** Every reason found, the decisive one first. */
  reasons: string[];
}

export function invalid(at: Date, reason: Invalid['reason'], detail: string, source?: CodeSourceName, extra?: Partial<VerificationOutcome>): VerificationOutcome {
  return {
    result: { status: 'invalid', ...(source ? { source } : {}), reason, detail, checkedAt: isoString(at.getTime()) },
    signature: extra?.signature ?? 'not-checked',
    expired: extra?.expired ?? null,
    reasons: extra?.reasons ?? [reason],
  };
}

export function technical(at: Date, reason: Technical['reason'], detail: string, source?: CodeSourceName): VerificationOutcome {
  return {
    result: { status: 'error', ...(source ? { source } : {}), reason, detail, checkedAt: isoString(at.getTime()) },
    signature: 'not-checked',
    expired: null,
    reasons: [reason],
  };
}

/** Validity window check with a symmetric skew allowance, shared by every signed format. */
export function checkWindow(iat: number | undefined, exp: number | undefined, at: Date, skewSeconds: number): { expired: boolean | null; reasons: Array<'expired' | 'not-yet-valid'> } {
  const now = at.getTime() / 1000;
  const reasons: Array<'expired' | 'not-yet-valid'> = [];
  if (iat !== undefined && now + skewSeconds < iat) reasons.push('not-yet-valid');
  const expired = exp === undefined ? null : now - skewSeconds > exp;
  if (expired) reasons.push('expired');
  return { expired, reasons };
}
