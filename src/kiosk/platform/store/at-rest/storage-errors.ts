// SQLite's damage and full-disk codes each become one error of their own that says what to do, wherever they surface.
import { GateError } from '../../../../common/contract/errors.ts';

export function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

export const CORRUPT_ADVICE =
  'Stop the kiosk, keep a copy of the data folder as it is, and restore the database from the last backup (see "Holding the disk" in docs/threat-model.md); record people on paper meanwhile. Call the district if entries may be lost.';

export function corruptionError(what: string): GateError {
  return new GateError('corrupt', `The kiosk database is damaged: ${what}. ${CORRUPT_ADVICE}`, { key: 'database-damaged' });
}

/** SQLITE_FULL (and ENOSPC under it): the file system under the data folder has no space left. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC';
}

export function diskFullError(what: string): GateError {
  return new GateError('storage', `The disk is full, so ${what} NOT saved. Free disk space (or call the manager), then try again.`, { key: 'disk-full-not-saved' });
}
