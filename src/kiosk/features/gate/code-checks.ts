// Recent code checks, kept briefly so a recorded entry cites a check the core made rather than a colour the screen claims.
import { randomUUID } from 'node:crypto';
import { GateError } from '../../../common/contract/errors.ts';
import type { HealthCodeResult } from '../../../common/contract/health-code.ts';

const KEEP_MS = 10 * 60_000;
const MAX_KEPT = 1000;

export function createCodeChecks(now: () => Date) {
  const checks = new Map<string, { result: HealthCodeResult; at: number }>();
  return {
    remember(result: HealthCodeResult): string {
      const checkId = randomUUID();
      checks.set(checkId, { result, at: now().getTime() });
      // Oldest first in a Map: drop from the front to stay bounded through a 24-hour day.
      for (const [id, check] of checks) {
        if (checks.size <= MAX_KEPT && now().getTime() - check.at < KEEP_MS) break;
        checks.delete(id);
      }
      return checkId;
    },
    get(checkId: string): HealthCodeResult {
      const check = checks.get(checkId);
      if (!check || now().getTime() - check.at >= KEEP_MS) throw new GateError('not-found', 'This code check has expired. Scan the code again.', { key: 'code-check-expired' });
      return check.result;
    },
    /** Called once the entry citing the check is committed, so one check records one person. */
    forget(checkId: string): void {
      checks.delete(checkId);
    },
  };
}
export type CodeChecks = ReturnType<typeof createCodeChecks>;
