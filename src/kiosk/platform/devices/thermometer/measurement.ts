// One person's temperature: judge each reading (is it a person at all?), take the median of the valid ones over a short
// window, and never use a reading that arrived before the measurement was asked for (it belongs to the previous person).
// The fever decision and its second measurement belong to the gate rules; this gives them the facts.
import type { Reading } from '../../../../common/contract/devices.ts';
import type { ThermometerPort } from '../ports.ts';
import type { Temperatures } from './frames.ts';
import { median } from '../../../../common/median.ts';

/** Readings outside this are not a person (DEVICES.md). */
export const HUMAN_BODY_RANGE_C = { min: 32, max: 43 } as const;

/**
 * Skin-to-core factor: core ≈ skin + k·(skin − ambient). The published range is 0.09–0.13; the middle value is used
 * because the kiosk measures the forehead at 20-50 cm indoors, where neither end of the range is better supported.
 */
export const SKIN_TO_CORE_K = 0.11;

/** Below this (but inside the human range) the reading is kept with a note: cold skin reads low. */
const LOW_NOTE_BELOW_C = 35.5;
/** Skin less than this above the room is the room itself: nobody stands in front of the sensor. */
const PERSON_ABOVE_AMBIENT_C = 2;

export type RejectCode = 'nobody' | 'too-cold' | 'too-hot' | 'incomplete';

export type Judged =
  | { ok: true; bodyC: number; objectC?: number; ambientC?: number; estimated: boolean }
  | { ok: false; code: RejectCode; reason: string };

export function estimateBodyC(skinC: number, ambientC: number, k = SKIN_TO_CORE_K): number {
  return skinC + k * (skinC - ambientC);
}

const c1 = (value: number) => `${value.toFixed(1)} °C`;

/** Is this reading a person, and what is their body temperature? */
export function judgeReading(reading: Temperatures, k = SKIN_TO_CORE_K): Judged {
  const { objectC, ambientC } = reading;
  let bodyC = reading.bodyC;
  let estimated = false;
  if (bodyC === undefined) {
    if (objectC === undefined || ambientC === undefined) {
      return { ok: false, code: 'incomplete', reason: 'the reading has neither a body value nor skin and ambient temperatures' };
    }
    bodyC = estimateBodyC(objectC, ambientC, k);
    estimated = true;
  }
  const skinOverRoom = objectC !== undefined && ambientC !== undefined ? objectC - ambientC : undefined;
  const extra = { ...(objectC === undefined ? {} : { objectC }), ...(ambientC === undefined ? {} : { ambientC }) };
  if (bodyC > HUMAN_BODY_RANGE_C.max) {
    return { ok: false, code: 'too-hot', reason: `${c1(bodyC)} is above any human body: something hot is in front of the sensor` };
  }
  if (skinOverRoom !== undefined && skinOverRoom < PERSON_ABOVE_AMBIENT_C) {
    return { ok: false, code: 'nobody', reason: `nobody in front of the sensor: it reads the room (${c1(objectC!)})` };
  }
  if (bodyC < HUMAN_BODY_RANGE_C.min) {
    if (skinOverRoom === undefined && bodyC < 30) {
      return { ok: false, code: 'nobody', reason: `nobody in front of the sensor (${c1(bodyC)})` };
    }
    return {
      ok: false,
      code: 'too-cold',
      reason: `${c1(bodyC)} is too cold to judge: someone just in from the cold? Wait a minute indoors and measure again, or measure the wrist or neck`,
    };
  }
  return { ok: true, bodyC, ...extra, estimated };
}

export interface MeasureOptions {
  /** Valid readings must span at least this long (ms) before a result is given. */
  windowMs?: number;
  /** ...and there must be at least this many of them. */
  minReadings?: number;
  /** Give up after this long (ms) with the most common reason readings were refused. */
  timeoutMs?: number;
  /** How often to ask a query-mode module for a reading (ms). Streaming modules ignore the request. */
  queryEveryMs?: number;
  k?: number;
}

export type Measurement =
  | {
      ok: true;
      bodyC: number;
      objectC?: number;
      ambientC?: number;
      /** True when bodyC was computed from skin and ambient, not given by the module. */
      estimated: boolean;
      readings: number;
      rejected: number;
      /** Set when the value is valid but worth a second look (cold skin reads low). */
      note?: string;
      at: string;
    }
  | { ok: false; code: RejectCode | 'no-readings'; reason: string; readings: number; rejected: number };

const DEFAULTS = { windowMs: 500, minReadings: 3, timeoutMs: 6000, queryEveryMs: 300 };

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The pure core of a measurement: feed readings with their arrival time; `result()` is null until enough arrived. */
export function createMeasurementWindow(options: MeasureOptions = {}) {
  const { windowMs, minReadings } = { ...DEFAULTS, ...options };
  // A gap this long between valid readings means the person left; start over.
  const resetAfterMs = Math.max(windowMs * 2, 2000);
  let valid: Array<{ judged: Extract<Judged, { ok: true }>; atMs: number }> = [];
  let total = 0;
  const refusals = new Map<string, { count: number; code: RejectCode; reason: string }>();

  return {
    add(reading: Temperatures, atMs: number): void {
      total++;
      const judged = judgeReading(reading, options.k);
      if (!judged.ok) {
        const seen = refusals.get(judged.code) ?? { count: 0, code: judged.code, reason: judged.reason };
        refusals.set(judged.code, { ...seen, count: seen.count + 1, reason: judged.reason });
        return;
      }
      const last = valid.at(-1);
      if (last && atMs - last.atMs > resetAfterMs) valid = [];
      valid.push({ judged, atMs });
    },
    result(): Measurement | null {
      const first = valid[0];
      const last = valid.at(-1);
      if (!first || !last || valid.length < minReadings || last.atMs - first.atMs < windowMs) return null;
      const pick = (f: (j: Extract<Judged, { ok: true }>) => number | undefined) => {
        const values = valid.map((v) => f(v.judged)).filter((v): v is number => v !== undefined);
        return median(values) ?? undefined;
      };
      const bodyC = round(pick((j) => j.bodyC)!, 1);
      const objectC = pick((j) => j.objectC);
      const ambientC = pick((j) => j.ambientC);
      return {
        ok: true,
        bodyC,
        ...(objectC === undefined ? {} : { objectC: round(objectC, 2) }),
        ...(ambientC === undefined ? {} : { ambientC: round(ambientC, 2) }),
        estimated: valid.some((v) => v.judged.estimated),
        readings: valid.length,
        rejected: total - valid.length,
        ...(bodyC < LOW_NOTE_BELOW_C ? { note: 'low reading: if the person just came in from the cold, wait a minute indoors and measure again' } : {}),
        at: new Date(last.atMs).toISOString(),
      };
    },
    /** Why no result came: the most common refusal, or silence. */
    failure(silenceDetail: string): Measurement {
      const top = [...refusals.values()].sort((a, b) => b.count - a.count)[0];
      if (!top) return { ok: false, code: 'no-readings', reason: silenceDetail, readings: valid.length, rejected: 0 };
      return { ok: false, code: top.code, reason: top.reason, readings: valid.length, rejected: total - valid.length };
    },
  };
}

/**
 * Measures the person in front of the kiosk now. Only readings stamped at or after this call count.
 * Never rejects: failures come back as `{ ok: false, reason }`.
 */
export function measureOnce(port: ThermometerPort, options: MeasureOptions = {}): Promise<Measurement> {
  const { timeoutMs, queryEveryMs } = { ...DEFAULTS, ...options };
  const requestedAtMs = Date.now();
  const measurement = createMeasurementWindow(options);
  return new Promise((resolve) => {
    let done = false;
    const finish = (measurement: Measurement) => {
      if (done) return;
      done = true;
      unsubscribe();
      clearInterval(query);
      clearTimeout(timer);
      resolve(measurement);
    };
    const unsubscribe = port.onReading((reading: Reading) => {
      const atMs = Date.parse(reading.at);
      if (!(atMs >= requestedAtMs)) return;
      measurement.add(reading, atMs);
      const result = measurement.result();
      if (result) finish(result);
    });
    const query = setInterval(() => port.requestReading(), queryEveryMs);
    const timer = setTimeout(() => {
      const status = port.status();
      const detail = status.state === 'ready' ? 'the thermometer is connected but sent no reading' : `the thermometer is ${status.state}${status.detail ? `: ${status.detail}` : ''}`;
      finish(measurement.failure(`no reading within ${Math.round(timeoutMs / 1000)} s: ${detail}. Use the handheld thermometer and type the value.`));
    }, timeoutMs);
    port.requestReading();
  });
}
