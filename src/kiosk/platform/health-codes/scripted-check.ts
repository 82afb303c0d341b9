// One JSON line in, one JSON line out: the scripted check behind `gate-kiosk verify-code`.
import { z } from 'zod';
import { DCC_PREFIX, verifyDccText } from './dcc.ts';
import { GATE_CODE_PREFIX, verifyGateCodeText } from './gate-code.ts';
import { trustedKeyFromText, type TrustedKey } from './signature.ts';
import type { VerificationOutcome } from './outcome.ts';

const CheckRequest = z.object({
  payload: z.string(),
  trust: z.array(z.string()).default([]),
  at: z.string().optional(),
});

export interface CheckLine {
  status: string;
  signature: string;
  expired: boolean | null;
  reasons: string[];
  [fact: string]: unknown;
}

export interface ScriptedCheckOptions {
  skewSeconds: number;
  maxAgeSeconds: number;
}

/** ISO-8601; a time without a zone is read as UTC, as the DCC test vectors intend. */
export function parseInstant(text: string): Date | undefined {
  let t = text.trim().replace(/([+-]\d\d)(\d\d)$/, '$1:$2');
  if (/T\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(t)) t += 'Z';
  const date = new Date(t);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function bad(detail: string): CheckLine {
  return { status: 'error', signature: 'not-checked', expired: null, reasons: ['bad-input'], detail };
}

function toLine(outcome: VerificationOutcome): CheckLine {
  const { status, ...facts } = outcome.result;
  return { status, signature: outcome.signature, expired: outcome.expired, reasons: outcome.reasons, ...facts };
}

export function checkLine(line: string, options: ScriptedCheckOptions): CheckLine {
  let request: z.infer<typeof CheckRequest>;
  try {
    request = CheckRequest.parse(JSON.parse(line));
  } catch (error) {
    const message = error instanceof z.ZodError ? error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; ') : (error as Error).message;
    return bad(`expected {"payload": "<QR text>", "trust": ["<certificate or public key>"], "at": "<ISO-8601>"}: ${message}`);
  }
  const at = request.at === undefined ? new Date() : parseInstant(request.at);
  if (!at) return bad(`"at" is not an ISO-8601 time: ${request.at}`);
  const keys: TrustedKey[] = [];
  for (const [i, entry] of request.trust.entries()) {
    try {
      keys.push(trustedKeyFromText(entry));
    } catch (error) {
      return bad(`trust[${i}]: ${(error as Error).message}`);
    }
  }
  const payload = request.payload.trim();
  try {
    if (payload.startsWith(DCC_PREFIX)) return toLine(verifyDccText(payload, keys, at));
    if (payload.startsWith(GATE_CODE_PREFIX)) {
      // Given keys have no list expiry, and there is no revocation list here: cards are checked for signature and period only.
      return toLine(verifyGateCodeText(payload, keys, at, { skewSeconds: options.skewSeconds, maxAgeSeconds: options.maxAgeSeconds, revocation: 'skip' }));
    }
  } catch (error) {
    return { status: 'invalid', signature: 'not-checked', expired: null, reasons: ['malformed'], detail: (error as Error).message };
  }
  return { status: 'invalid', signature: 'not-checked', expired: null, reasons: ['malformed'], detail: 'payload is neither HC1: (EU DCC) nor GK1: (gate code)' };
}
