// The storage checks the root owns: what start found (the quick check, the audit chain, the roster key), the full
// integrity check on a schedule in a worker thread, and damage met by any call, each shown to the manager once.
import type { StorageStatus } from '../../common/contract/methods/system.ts';
import { SYSTEM_ACTOR, checkAuditLog, type Audit } from '../platform/audit/audit-log.ts';
import type { Dispatch } from '../platform/calls/dispatcher.ts';
import { CORRUPT_ADVICE } from '../platform/store/at-rest/storage-errors.ts';
import { runIntegrityCheck } from '../platform/store/integrity-check.ts';
import type { OpenedStore } from '../platform/store/open-store.ts';
import { createStorageHealth } from '../platform/store/storage-health.ts';

export const FIRST_INTEGRITY_CHECK_MS = 10 * 60_000;
export const INTEGRITY_CHECK_EVERY_MS = 24 * 3600_000;

export function createStorageChecks(store: OpenedStore, deps: { audit: Audit; now: () => Date; log: (message: string, error?: unknown) => void; rosterKeyProblem: string | null }) {
  const health = createStorageHealth(store.record.protection);
  const { audit, now, log } = deps;
  const report = (area: StorageStatus['problems'][number]['area'], message: string) => {
    if (!health.problem(area, message, now())) return;
    log(`STORAGE: ${message}`);
    try {
      audit({ actor: SYSTEM_ACTOR, action: 'storage-problem', subject: area, detail: { message } });
    } catch (error) {
      log('the storage problem could not be audited (the database may be damaged)', error);
    }
  };

  // At start: openKioskStore has run the quick check (a damaged file does not get this far).
  health.checked('quick', true, now());
  const chain = checkAuditLog(store.db);
  if (chain.problems.length > 0) {
    report('audit-chain', `The audit log's hash chain is broken (${chain.problems.slice(0, 3).map((p) => p.detail).join('; ')}${chain.problems.length > 3 ? `; and ${chain.problems.length - 3} more` : ''}): audit records were deleted or changed outside the kiosk. Keep a copy of the data folder as it is and tell the district; the registry's copy of the audit log shows what was there.`);
  }
  if (deps.rosterKeyProblem) report('roster-key', deps.rosterKeyProblem);

  let running: Promise<StorageStatus> | null = null;
  async function fullCheck(): Promise<StorageStatus> {
    try {
      const result = await runIntegrityCheck(store.file, store.key);
      health.checked('full', result.ok, now());
      if (result.ok) health.clear('database');
      else report('database', `The full integrity check found damage in the database (${result.messages.slice(0, 3).join('; ')}). ${CORRUPT_ADVICE}`);
    } catch (error) {
      log('the scheduled integrity check could not run; it runs again later', error);
    }
    return health.status();
  }

  return {
    status: () => health.status(),
    /** One full check at a time; a second caller waits for the one running. */
    checkNow(): Promise<StorageStatus> {
      running ??= fullCheck().finally(() => (running = null));
      return running;
    },
    /** Any call that met a damaged page marks the database damaged for the manager. */
    watch(dispatch: Dispatch): Dispatch {
      return async (method, input, caller) => {
        const result = await dispatch(method, input, caller);
        if (!result.ok && result.error.code === 'corrupt') report('database', result.error.message);
        return result;
      };
    },
  };
}
