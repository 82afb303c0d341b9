// What the manager is shown about the storage: the last database check and every problem found (damage, a broken
// audit chain, a roster key that does not fit), each with what to do. The composition root feeds it; the console
// reads it through system.storage.
import type { StorageStatus } from '../../../common/contract/methods/system.ts';

type Area = StorageStatus['problems'][number]['area'];

export interface StorageHealth {
  status(): StorageStatus;
  checked(kind: 'quick' | 'full', ok: boolean, at: Date): void;
  /** Sets (or replaces) the problem of an area; returns whether it is new, so the caller audits it once. */
  problem(area: Area, message: string, at: Date): boolean;
  clear(area: Area): void;
}

export function createStorageHealth(keyProtection: StorageStatus['keyProtection']): StorageHealth {
  let lastCheck: StorageStatus['lastCheck'] = null;
  const problems = new Map<Area, StorageStatus['problems'][number]>();
  return {
    status: () => ({ state: problems.size > 0 ? 'damaged' : 'ok', lastCheck, problems: [...problems.values()], keyProtection }),
    checked(kind, ok, at) {
      lastCheck = { kind, at: at.toISOString(), ok };
    },
    problem(area, message, at) {
      const before = problems.get(area);
      problems.set(area, { area, message, since: before?.since ?? at.toISOString() });
      return before?.message !== message;
    },
    clear(area) {
      problems.delete(area);
    },
  };
}
