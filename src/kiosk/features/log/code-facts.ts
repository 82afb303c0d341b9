// The facts of a code beyond its status, as the entries table keeps them (one JSON column, migration 008): the health
// facts, refresh and expiry times, a cached online answer, and the DCC rules that failed. The keyed ID hash and a
// card id are not kept: the log needs what the gate decided on, not a handle on the person.
import type { HealthCodeResult } from '../../../common/contract/health-code.ts';

const KEPT = ['nucleicAcid', 'antigen', 'vaccination', 'travelFlag', 'refreshedAt', 'expiresAt', 'cachedFrom', 'failedRules'] as const;

export function codeFactsJson(code: HealthCodeResult): string | null {
  const facts = Object.fromEntries(KEPT.filter((k) => k in code && (code as Record<string, unknown>)[k] !== undefined).map((k) => [k, (code as Record<string, unknown>)[k]]));
  return Object.keys(facts).length > 0 ? JSON.stringify(facts) : null;
}

/** The stored facts, for the row's code before it is parsed; a row from before migration 008 has none. */
export function codeFactsFrom(json: string | null | undefined): Record<string, unknown> {
  if (!json) return {};
  const parsed = JSON.parse(json) as Record<string, unknown>;
  return Object.fromEntries(KEPT.filter((k) => k in parsed).map((k) => [k, parsed[k]]));
}
