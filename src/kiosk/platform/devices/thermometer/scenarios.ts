// What a simulated person (or nobody) looks like to a thermometer. Shared by the in-process simulator and the
// protocol simulator that writes into a serial port, so both tell the same story.
import type { Temperatures } from './frames.ts';
import { SKIN_TO_CORE_K } from './measurement.ts';

export const PERSON_SCENARIOS = ['nobody', 'normal', 'fever', 'cold'] as const;
export type PersonScenario = (typeof PERSON_SCENARIOS)[number];

const STORY: Record<PersonScenario, { bodyC?: number; ambientC: number; skinC?: number }> = {
  nobody: { ambientC: 25, skinC: 25.1 },
  normal: { bodyC: 36.6, ambientC: 24 },
  fever: { bodyC: 38.4, ambientC: 24 },
  // Just in from a winter street: skin is cold, so any module reads low.
  cold: { bodyC: 34.4, ambientC: 18 },
};

/** Deterministic noise so tests and demos repeat. */
export function seededRandom(seed = 1): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** One reading for a scenario, ±0.1 °C of noise. Skin is derived from body with the same k the measurement uses. */
export function scenarioReading(scenario: PersonScenario, random: () => number): Required<Pick<Temperatures, 'objectC' | 'ambientC'>> & Temperatures {
  const story = STORY[scenario];
  const jitter = () => (random() - 0.5) * 0.2;
  const ambientC = round(story.ambientC + jitter() / 2, 2);
  if (story.bodyC === undefined) return { objectC: round((story.skinC ?? ambientC) + jitter(), 2), ambientC };
  const bodyC = round(story.bodyC + jitter(), 1);
  const objectC = round((bodyC + SKIN_TO_CORE_K * ambientC) / (1 + SKIN_TO_CORE_K), 2);
  return { bodyC, objectC, ambientC };
}
