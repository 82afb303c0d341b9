// CertLogic values (specification 1.3.2, "Values"): what is truthy, falsy or neither, and what an integer is.

/** Thrown for an invalid expression or a type mismatch; a rule that throws counts as failed. */
export class CertLogicError extends Error {
  override name = 'CertLogicError';
}

export const isInt = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

export const isDateTime = (value: unknown): value is Date => value instanceof Date;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !isDateTime(value);

/**
 * true for truthy, false for falsy, undefined for values that are neither (the two are disjoint): falsy are false,
 * null, "", 0, [] and {}; truthy are true, a non-empty string, a non-zero integer, a non-empty array or object.
 * Anything else (a fraction, a date-time) is neither, and operations that need one or the other throw on it.
 */
export function boolsiness(value: unknown): boolean | undefined {
  if (value === true || value === false) return value;
  if (value === null) return false;
  if (typeof value === 'string') return value.length > 0;
  if (isInt(value)) return value !== 0;
  if (Array.isArray(value)) return value.length > 0;
  if (isPlainObject(value)) return Object.keys(value).length > 0;
  return undefined;
}

export const describe = (value: unknown): string => (isDateTime(value) ? `date-time ${value.toISOString()}` : JSON.stringify(value) ?? String(value));
