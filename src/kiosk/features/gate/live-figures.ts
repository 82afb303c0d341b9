// The gate's pace from its own log: people through in the last 10 minutes, median seconds per person, and a queue
// estimate. Nothing counts the queue itself, so it is estimated from the arrival rate and the service time
// (an M/M/1 queue: waiting = rho^2 / (1 - rho), rho = arrivals per second x seconds per person).
import type { LiveFigures } from '../../../common/contract/methods/gate.ts';
import { median } from '../../../common/median.ts';

export const WINDOW_MS = 10 * 60_000;
const MIN_PEOPLE = 3;
const SATURATED_AT = 0.95;

export function liveFigures(rows: Array<{ atMs: number; durationMs: number | null }>, nowMs: number): LiveFigures {
  const recent = rows.filter((r) => r.atMs > nowMs - WINDOW_MS && r.atMs <= nowMs);
  const durations = recent.map((r) => r.durationMs).filter((d): d is number => d !== null);
  const medianMs = median(durations);
  const medianSeconds = medianMs === null ? null : Math.round(medianMs / 100) / 10;
  if (recent.length < MIN_PEOPLE || medianMs === null) return { lastTenMinutes: recent.length, medianSeconds, queueEstimate: null, saturated: false };
  const arrivalsPerMs = recent.length / WINDOW_MS;
  const rho = arrivalsPerMs * medianMs;
  if (rho >= SATURATED_AT) return { lastTenMinutes: recent.length, medianSeconds, queueEstimate: null, saturated: true };
  return { lastTenMinutes: recent.length, medianSeconds, queueEstimate: Math.round((rho * rho) / (1 - rho) * 10) / 10, saturated: false };
}
