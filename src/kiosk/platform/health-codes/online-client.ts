// Online verification against a health authority: send the scanned content with our site code, get colour, name, refresh time.
import { z } from 'zod';
import { invalid, technical, type VerificationOutcome } from './outcome.ts';

export interface AuthorityClientOptions {
  url: string;
  /** Sent as a bearer token; the authority decides what it means. */
  credentials?: string;
  timeoutMs: number;
  siteCode: string;
}

/** What the authority answers (our wire format; GB/T 38963's layout is not public, so we do not claim conformance). */
export const AuthorityAnswer = z.object({
  result: z.enum(['green', 'yellow', 'red', 'review', 'not-found', 'expired']),
  maskedName: z.string().optional(),
  refreshedAt: z.string().optional(),
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
      body: JSON.stringify({ code, siteCode: options.siteCode, requestedAt: at.toISOString() }),
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
    },
    signature: 'not-checked',
    expired: false,
    reasons: [],
  };
}
