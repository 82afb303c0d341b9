// CWT claims (RFC 8392) shared by the DCC and our own format: only the ones a gate needs.
import { decodeCbor, type Decoded } from './cose.ts';

export const CLAIM_ISS = 1;
export const CLAIM_EXP = 4;
export const CLAIM_IAT = 6;

export interface CwtClaims {
  iss: string | undefined;
  /** Seconds since the epoch. */
  exp: number | undefined;
  iat: number | undefined;
  all: Map<unknown, unknown>;
}

function numericDate(value: unknown): number | undefined | null {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'bigint') return Number(value);
  return null;
}

export function decodeCwtClaims(payload: Uint8Array): Decoded<CwtClaims> {
  const decoded = decodeCbor(payload);
  if (!decoded.ok) return { ok: false, detail: `claims: ${decoded.detail}` };
  if (!(decoded.value instanceof Map)) return { ok: false, detail: 'claims are not a CBOR map' };
  const all = decoded.value;
  const exp = numericDate(all.get(CLAIM_EXP));
  const iat = numericDate(all.get(CLAIM_IAT));
  if (exp === null || iat === null) return { ok: false, detail: 'exp or iat claim is not a number' };
  const iss = all.get(CLAIM_ISS);
  if (iss !== undefined && typeof iss !== 'string') return { ok: false, detail: 'iss claim is not text' };
  return { ok: true, value: { iss, exp, iat, all } };
}
