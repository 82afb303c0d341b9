// Online verification against a health authority: send the scanned content with our site code, get colour, name, refresh time.
import { z } from 'zod';
import type { HealthFacts } from '../../../common/contract/health-code.ts';
import { hoursAgoAt } from '../../../common/gate-rules/health-requirements.ts';
import { invalid, technical, type VerificationOutcome } from './outcome.ts';

export interface AuthorityClientOptions {
  url: string;
  /** Sent as a bearer token; the authority decides what it means. */
  credentials?: string;
  timeoutMs: number;
  siteCode: string;
}

const Instant = z.iso.datetime({ offset: true });
const Result = z.enum(['negative', 'positive']);

/**
 * What the authority answers (our wire format, docs/health-code-format.md; GB/T 38963's field layout is not public,
 * so we do not claim conformance). Health facts are optional: an authority that gives only the colour still works.
 */
export const AuthorityAnswer = z.object({
  result: z.enum(['green', 'yellow', 'red', 'review', 'not-found', 'expired']),
  maskedName: z.string().max(40).optional(),
  refreshedAt: z.string().optional(),
  /** HMAC-SHA256 of the ID number with the issuer's ID key, first 16 bytes, hex (as in GK1 codes). */
  idHash: z.string().regex(/^[0-9a-f]{32}$/).optional(),
  nucleicAcid: z.object({ sampledAt: Instant, result: Result }).optional(),
  antigen: z.object({ testedAt: Instant.optional(), result: Result }).optional(),
  vaccination: z.object({ doses: z.number().int().min(0).max(20), lastDoseOn: z.iso.date().optional() }).optional(),
  /** Visited a medium/high-risk area in the last 14 days. */
  travelFlag: z.boolean().optional(),
});
export type AuthorityAnswer = z.infer<typeof AuthorityAnswer>;

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EADDRNOTAVAIL']);

function errorCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: string; errors?: Array<{ code?: string }> } })?.cause;
  return cause?.code ?? cause?.errors?.[0]?.code;
}

export async function verifyOnline(code: string, at: Date, options: AuthorityClientOptions, fetchImpl: typeof fetch = fetch): Promise<VerificationOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  let body: string;
  let status: number;
  try {
    const response = await fetchImpl(options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.credentials ? { authorization: `Bearer ${options.credentials}` } : {}),
      },
      body: JSON.stringify({ code, siteCode: options.siteCode, requestedAt: at.toISOString(), certType: 'QR_CODE' }),
      signal: controller.signal,
    });
    status = response.status;
    body = await response.text();
  } catch (error) {
    if (controller.signal.aborted) return technical(at, 'timeout', `the health authority did not answer within ${options.timeoutMs} ms`, 'online');
    const code = errorCode(error);
    if (code && UNREACHABLE.has(code)) return technical(at, 'authority-unreachable', `cannot reach the health authority (${code})`, 'online');
    return technical(at, 'authority-error', `the connection to the health authority failed (${code ?? (error as Error).message})`, 'online');
  } finally {
    clearTimeout(timer);
  }
  if (status === 401 || status === 403) return technical(at, 'authority-error', `the health authority rejected our credentials (HTTP ${status})`, 'online');
  if (status !== 200) return technical(at, 'authority-error', `the health authority answered HTTP ${status}`, 'online');
  let answer: AuthorityAnswer;
  try {
    answer = AuthorityAnswer.parse(JSON.parse(body));
  } catch {
    return technical(at, 'authority-error', 'the health authority answered something that is not a verification result', 'online');
  }
  if (answer.result === 'not-found') return invalid(at, 'not-found', 'the health authority does not know this code', 'online', { signature: 'not-checked' });
  if (answer.result === 'expired') return invalid(at, 'expired', 'the health authority says this code has expired', 'online', { expired: true });
  return {
    result: {
      status: answer.result,
      source: 'online',
      checkedAt: at.toISOString(),
      ...(answer.maskedName ? { holderName: answer.maskedName } : {}),
      ...(answer.refreshedAt ? { refreshedAt: answer.refreshedAt } : {}),
      ...(answer.idHash ? { idHash: answer.idHash } : {}),
      ...healthFactsOf(answer, at),
    },
    signature: 'not-checked',
    expired: false,
    reasons: [],
  };
}

function healthFactsOf(answer: AuthorityAnswer, at: Date): HealthFacts {
  const facts: HealthFacts = {};
  if (answer.nucleicAcid) facts.nucleicAcid = { ...answer.nucleicAcid, hoursAgo: hoursAgoAt(answer.nucleicAcid.sampledAt, at) };
  if (answer.antigen) facts.antigen = answer.antigen;
  if (answer.vaccination) facts.vaccination = answer.vaccination;
  if (answer.travelFlag !== undefined) facts.travelFlag = answer.travelFlag;
  return facts;
}
