// A scan that is not a health code at all is no reason to refuse anyone: nothing is recorded, the volunteer scans
// again or records the colour by hand. Only a code of a known format that fails its checks (a bad signature, expired,
// revoked, unknown to the authority) is a refusal, in its own words.
import type { HealthCodeResult } from '../contract/health-code.ts';

/** What the screen says instead of a result: not a health code, a known code read badly, or a scanner set up wrong. */
export type ScanProblem = 'not-a-code' | 'unreadable' | 'scanner-no-shift';

/** The prefixes of the formats the gate knows (EU DCC, gate codes and cards, the authority simulator's online codes). */
const KNOWN_PREFIX = /^(HC1|GK1|HA1):/;
/** The same prefixes as a scanner types them without Shift (a keyboard layout or Caps Lock setting): gk1;... */
const UNSHIFTED_PREFIX = /^(hc1|gk1|ha1);/i;

/** The verifier's answer for text it could not read as any code: never recorded as an entry. */
export function isUnreadable(result: HealthCodeResult): boolean {
  return result.status === 'invalid' && result.reason === 'malformed';
}

export function scanProblem(text: string, result: HealthCodeResult): ScanProblem | null {
  if (result.status !== 'invalid') return null;
  if (UNSHIFTED_PREFIX.test(text.trim())) return 'scanner-no-shift';
  if (!isUnreadable(result)) return null;
  return KNOWN_PREFIX.test(text.trim()) ? 'unreadable' : 'not-a-code';
}
