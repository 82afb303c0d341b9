// Errors cross the boundary as values with a code and a message a volunteer can act on.
import { z } from 'zod';
import { ErrorKey, ErrorParams, issueParams } from './error-keys.ts';

export { ErrorKey, ErrorParams, IssueRule, issueParams } from './error-keys.ts';

export const ErrorCode = z.enum([
  'bad-input',
  'unknown-method',
  'not-found',
  /** No session, or it ended: sign in (again). */
  'unauthenticated',
  'forbidden',
  'conflict',
  'device',
  'storage',
  /** The kiosk database is damaged (SQLITE_CORRUPT / NOTADB): restore it from a backup; nothing was recorded. */
  'corrupt',
  'unavailable',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/**
 * `message` is English for logs, the CLI and API clients; the screen words `key` with `params` in the chosen language
 * (an error without a key is worded by its code alone).
 */
export const ApiError = z.object({ code: ErrorCode, message: z.string(), key: ErrorKey.optional(), params: ErrorParams.optional() });
export type ApiError = z.infer<typeof ApiError>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Turns zod's issues into one sentence naming the field, so a refusal says what to fix. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/** The key and values the screen words an error with. */
export interface ErrorWords {
  key: ErrorKey;
  params?: ErrorParams;
}

/** Thrown inside the core; the dispatcher turns it into an error value. */
export class GateError extends Error {
  readonly code: ErrorCode;
  readonly key: ErrorKey | undefined;
  readonly params: ErrorParams | undefined;
  constructor(code: ErrorCode, message: string, words?: ErrorWords) {
    super(message);
    this.code = code;
    this.key = words?.key;
    this.params = words?.params;
  }

  /** An error value met again inside the core (a contract check run by a feature). */
  static from(error: ApiError): GateError {
    return new GateError(error.code, error.message, error.key ? { key: error.key, ...(error.params ? { params: error.params } : {}) } : undefined);
  }

  toApiError(): ApiError {
    return { code: this.code, message: this.message, ...(this.key ? { key: this.key } : {}), ...(this.params ? { params: this.params } : {}) };
  }
}

/** A contract check that failed: the first issue's field, rule and limit, worded by the screen. */
export function invalidInput(error: z.ZodError, prefix = ''): ApiError {
  const first = error.issues[0];
  const params = first ? issueParams(first) : { field: '', rule: 'other' as const };
  return { code: 'bad-input', message: `${prefix}${describeIssues(error)}`, key: 'invalid-input', params: { ...params } };
}
