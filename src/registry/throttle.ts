// Throttling by source for sign-in and enrolment: a few failures are free, then each further failure from the same
// address makes it wait longer (doubling, capped). Nothing is locked: the right password from elsewhere still works,
// and so does the same source once its wait is over. Kept in the database so every registry process sees one count.
import type { Database } from './sql.ts';

export interface ThrottleRule {
  /** Failures allowed in a window before waits begin. */
  free: number;
  windowMs: number;
  firstWaitMs: number;
  maxWaitMs: number;
}

export const SIGN_IN_RULE: ThrottleRule = { free: 5, windowMs: 15 * 60_000, firstWaitMs: 1_000, maxWaitMs: 5 * 60_000 };
export const ENROL_RULE: ThrottleRule = { free: 10, windowMs: 60 * 60_000, firstWaitMs: 2_000, maxWaitMs: 15 * 60_000 };

/** The wait after `failures` failures in the window. */
export function waitAfter(failures: number, rule: ThrottleRule): number {
  if (failures < rule.free) return 0;
  return Math.min(rule.maxWaitMs, rule.firstWaitMs * 2 ** Math.min(30, failures - rule.free));
}

export interface Throttle {
  /** Milliseconds the source must still wait; 0 when it may try. */
  waitMs(source: string, nowMs: number): Promise<number>;
  failed(source: string, nowMs: number): Promise<void>;
  succeeded(source: string): Promise<void>;
}

export function createThrottle(db: Database, bucket: string, rule: ThrottleRule): Throttle {
  return {
    async waitMs(source, nowMs) {
      const [row] = await db.query<{ until: number | null }>(
        'SELECT (extract(epoch FROM blocked_until) * 1000)::float8 AS until FROM source_failures WHERE bucket = $1 AND source = $2',
        [bucket, source],
      );
      return row?.until ? Math.max(0, Math.ceil(row.until - nowMs)) : 0;
    },
    async failed(source, nowMs) {
      const now = new Date(nowMs).toISOString();
      const windowStart = new Date(nowMs - rule.windowMs).toISOString();
      const [row] = await db.query<{ failures: number }>(
        `INSERT INTO source_failures (bucket, source, failures, window_start) VALUES ($1, $2, 1, $3)
         ON CONFLICT (bucket, source) DO UPDATE SET
           failures = CASE WHEN source_failures.window_start < $4 THEN 1 ELSE source_failures.failures + 1 END,
           window_start = CASE WHEN source_failures.window_start < $4 THEN EXCLUDED.window_start ELSE source_failures.window_start END
         RETURNING failures`,
        [bucket, source, now, windowStart],
      );
      const wait = waitAfter(row!.failures, rule);
      await db.query('UPDATE source_failures SET blocked_until = $3 WHERE bucket = $1 AND source = $2', [bucket, source, wait > 0 ? new Date(nowMs + wait).toISOString() : null]);
    },
    async succeeded(source) {
      await db.query('DELETE FROM source_failures WHERE bucket = $1 AND source = $2', [bucket, source]);
    },
  };
}
