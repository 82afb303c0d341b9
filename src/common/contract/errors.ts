// Errors cross the boundary as values with a code and a message a volunteer can act on.
import { z } from 'zod';

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
  /** The disk under the data folder is full (SQLITE_FULL): nothing was recorded; free space, then try again. */
  'disk-full',
  'unavailable',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ApiError = z.object({ code: ErrorCode, message: z.string() });
export type ApiError = z.infer<typeof ApiError>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Turns zod's issues into one sentence naming the field, so a refusal says what to fix. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/** Thrown inside the core; the dispatcher turns it into an error value. */
export class GateError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
