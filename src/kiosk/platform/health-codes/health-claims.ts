// The optional health claims of a GK1 code (docs/health-code-format.md, gate claim keys 5-8): the last nucleic-acid
// test, an antigen test, vaccination and the travel flag. A code without them is an old code and verifies as before.
import type { HealthFacts, TestResult } from '../../../common/contract/health-code.ts';
import { hoursAgoAt } from '../../../common/gate-rules/health-requirements.ts';

export const GATE_NUCLEIC_ACID = 5;
export const GATE_ANTIGEN = 6;
export const GATE_VACCINATION = 7;
export const GATE_TRAVEL_FLAG = 8;
const TEST_AT = 1;
const TEST_RESULT = 2;
const DOSES = 1;
const LAST_DOSE_ON = 2;

/** What an issuer signs: times as Dates, a dose date as YYYY-MM-DD. */
export interface HealthClaims {
  nucleicAcid?: { sampledAt: Date; result: TestResult };
  antigen?: { testedAt: Date; result: TestResult };
  vaccination?: { doses: number; lastDoseOn?: string };
  travelFlag?: boolean;
}

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

export function encodeHealthClaims(claims: HealthClaims, into: Map<number, unknown>): void {
  if (claims.nucleicAcid) into.set(GATE_NUCLEIC_ACID, new Map<number, unknown>([[TEST_AT, seconds(claims.nucleicAcid.sampledAt)], [TEST_RESULT, claims.nucleicAcid.result]]));
  if (claims.antigen) into.set(GATE_ANTIGEN, new Map<number, unknown>([[TEST_AT, seconds(claims.antigen.testedAt)], [TEST_RESULT, claims.antigen.result]]));
  if (claims.vaccination) {
    const v = new Map<number, unknown>([[DOSES, claims.vaccination.doses]]);
    if (claims.vaccination.lastDoseOn !== undefined) v.set(LAST_DOSE_ON, claims.vaccination.lastDoseOn);
    into.set(GATE_VACCINATION, v);
  }
  if (claims.travelFlag !== undefined) into.set(GATE_TRAVEL_FLAG, claims.travelFlag);
}

const isUint = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isResult = (v: unknown): v is TestResult => v === 'negative' || v === 'positive';

function readTest(value: unknown, what: string): { at: Date; result: TestResult } | string {
  if (!(value instanceof Map)) return `${what} claim is not a map`;
  const at = value.get(TEST_AT);
  const result = value.get(TEST_RESULT);
  if (!isUint(at)) return `${what} claim has no time`;
  if (!isResult(result)) return `${what} claim has no result (negative or positive)`;
  return { at: new Date(at * 1000), result };
}

/** The health facts of a gate claim map, aged at `checkedAt`; a string says what is wrong (the code is then malformed). */
export function decodeHealthClaims(gate: Map<unknown, unknown>, checkedAt: Date): HealthFacts | string {
  const facts: HealthFacts = {};
  if (gate.has(GATE_NUCLEIC_ACID)) {
    const test = readTest(gate.get(GATE_NUCLEIC_ACID), 'nucleic-acid test');
    if (typeof test === 'string') return test;
    const sampledAt = test.at.toISOString();
    facts.nucleicAcid = { result: test.result, sampledAt, hoursAgo: hoursAgoAt(sampledAt, checkedAt) };
  }
  if (gate.has(GATE_ANTIGEN)) {
    const test = readTest(gate.get(GATE_ANTIGEN), 'antigen test');
    if (typeof test === 'string') return test;
    facts.antigen = { result: test.result, testedAt: test.at.toISOString() };
  }
  if (gate.has(GATE_VACCINATION)) {
    const v = gate.get(GATE_VACCINATION);
    if (!(v instanceof Map) || !isUint(v.get(DOSES)) || (v.get(DOSES) as number) > 20) return 'vaccination claim has no dose count';
    const on = v.get(LAST_DOSE_ON);
    if (on !== undefined && (typeof on !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(on))) return 'vaccination claim has a last dose date that is not YYYY-MM-DD';
    facts.vaccination = { doses: v.get(DOSES) as number, ...(on !== undefined ? { lastDoseOn: on as string } : {}) };
  }
  if (gate.has(GATE_TRAVEL_FLAG)) {
    const flag = gate.get(GATE_TRAVEL_FLAG);
    if (typeof flag !== 'boolean') return 'travel flag claim is not true or false';
    facts.travelFlag = flag;
  }
  return facts;
}
