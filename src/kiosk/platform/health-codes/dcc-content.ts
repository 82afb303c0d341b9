// What an EU DCC says: its one entry (vaccination, test or recovery), read into the gate's health facts, and whether
// its content says "valid" at the check time: a test not detected (negative) of a known type, a recovery within its
// validity. What the policy asks beyond that (test hours, doses) is the gate decision's (src/common/gate-rules).
import type { HealthFacts } from '../../../common/contract/health-code.ts';
import { hoursAgoAt } from '../../../common/gate-rules/health-requirements.ts';
import type { CertificateType } from '../../../common/certlogic/rules.ts';
import { dayStartMs, isoString } from './iso-dates.ts';

/** EU value set covid-19-lab-result (SNOMED CT). */
export const TEST_NOT_DETECTED = '260415000';
export const TEST_DETECTED = '260373001';
/** EU value set covid-19-lab-test-type (LOINC): nucleic acid amplification, rapid antigen. */
export const TEST_TYPE_NAAT = 'LP6464-4';
export const TEST_TYPE_RAT = 'LP217198-3';

export interface DccContent {
  type: CertificateType;
  facts: HealthFacts;
  /** The entry's unique certificate identifier (ci), the handle of revocation by UCI. */
  uci: string;
  /** A recovery's last valid instant, when it ends before the CWT's exp. */
  validUntil?: Date;
  /** Why the content says "not valid" at the check time; empty when it is valid. */
  notValid: string[];
}

/** Map/Date/bytes from CBOR to plain JSON, as the DCC JSON schema and business rules see the document. */
export function cborToJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Map) {
    // A loop, not Object.fromEntries over a spread copy: this runs over the whole certificate at every DCC scan.
    const out: Record<string, unknown> = {};
    for (const [k, v] of value) {
      const key = String(k);
      // A certificate's own "__proto__" key stays a plain key, as Object.fromEntries kept it: never the prototype.
      if (key === '__proto__') Object.defineProperty(out, key, { value: cborToJson(v), enumerable: true, writable: true, configurable: true });
      else out[key] = cborToJson(v);
    }
    return out;
  }
  if (Array.isArray(value)) return value.map(cborToJson);
  if (value instanceof Date) return value.toISOString().replace(/\.000Z$/, 'Z');
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  return value;
}

/** The entry as decoded (a CBOR map), read field by field: copying it to JSON first cost a third of reading it. */
type Entry = Map<unknown, unknown>;
/** A text field as the DCC JSON document has it (a tagged date as its JSON text, as cborToJson writes it). */
const text = (entry: Entry, key: string): string | undefined => {
  const value = entry.get(key);
  return typeof value === 'string' ? value : value instanceof Date || value instanceof Uint8Array ? (cborToJson(value) as string) : undefined;
};
const whole = (entry: Entry, key: string): number | undefined => {
  const value = entry.get(key);
  return Number.isInteger(value) ? (value as number) : undefined;
};

/** The start of the day a "YYYY-MM-DD..." text names, in ms; undefined when it names none. */
function parseDay(day: string | undefined): number | undefined {
  if (day === undefined) return undefined;
  const ms = dayStartMs(day);
  return Number.isNaN(ms) ? undefined : ms;
}

function parseInstant(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const d = new Date(/(Z|[+-]\d\d:?\d\d)$/i.test(value) ? value : `${value}Z`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function readTest(entry: Entry, at: Date, skewMs: number, content: DccContent): string | null {
  const sampled = parseInstant(text(entry, 'sc'));
  if (!sampled) return 'the test has no readable sampling time (sc)';
  const result = text(entry, 'tr');
  const type = text(entry, 'tt');
  if (result === TEST_DETECTED) content.notValid.push('the test result is "detected" (positive)');
  else if (result !== TEST_NOT_DETECTED) content.notValid.push(`the test result ${JSON.stringify(result ?? null)} is not a known result`);
  if (type !== TEST_TYPE_NAAT && type !== TEST_TYPE_RAT) content.notValid.push(`the test type ${JSON.stringify(type ?? null)} is neither a nucleic-acid (${TEST_TYPE_NAAT}) nor a rapid antigen test (${TEST_TYPE_RAT})`);
  if (sampled.getTime() > at.getTime() + skewMs) content.notValid.push(`the test was sampled at ${sampled.toISOString()}, after the check time (is the kiosk clock behind?)`);
  const sampledAt = sampled.toISOString();
  // A result that is not a known one is recorded as positive: the facts never read better than the certificate.
  const recorded = result === TEST_NOT_DETECTED ? 'negative' : 'positive';
  if (type === TEST_TYPE_RAT) content.facts.antigen = { result: recorded, testedAt: sampledAt };
  else content.facts.nucleicAcid = { result: recorded, sampledAt, hoursAgo: hoursAgoAt(sampledAt, at) };
  return null;
}

function readVaccination(entry: Entry, at: Date, content: DccContent): string | null {
  const dn = whole(entry, 'dn');
  const sd = whole(entry, 'sd');
  const given = parseDay(text(entry, 'dt'));
  if (dn === undefined || sd === undefined) return 'the vaccination has no dose number (dn) and series doses (sd)';
  if (given === undefined) return 'the vaccination has no readable date (dt)';
  if (dn < 1 || sd < 1) content.notValid.push(`dose ${dn} of ${sd} is not a vaccination record`);
  if (given > at.getTime()) content.notValid.push(`the vaccination is dated ${text(entry, 'dt')}, after the check time`);
  content.facts.vaccination = { doses: Math.max(0, Math.min(dn, 20)), lastDoseOn: isoString(given).slice(0, 10), seriesComplete: sd >= 1 && dn >= sd };
  return null;
}

function readRecovery(entry: Entry, at: Date, content: DccContent): string | null {
  const from = parseDay(text(entry, 'df'));
  const until = parseDay(text(entry, 'du'));
  if (from === undefined || until === undefined) return 'the recovery has no readable validity (df, du)';
  // As the EU rules compare them: valid from the first day at 00:00 UTC up to the last day at 00:00 UTC.
  if (at.getTime() < from) content.notValid.push(`the recovery is valid only from ${text(entry, 'df')}`);
  if (at.getTime() > until) content.notValid.push(`the recovery was valid until ${text(entry, 'du')}`);
  content.validUntil = new Date(until);
  return null;
}

/** Reads the DCC's one entry. A string: the document is malformed (no entry, several, or fields missing). */
export function readDccContent(hcert: Map<unknown, unknown>, at: Date, skewSeconds = 0): DccContent | string {
  const kinds: Array<'v' | 't' | 'r'> = [];
  if (hcert.has('v')) kinds.push('v');
  if (hcert.has('t')) kinds.push('t');
  if (hcert.has('r')) kinds.push('r');
  if (kinds.length !== 1) return `a DCC holds exactly one of vaccination, test or recovery, this one has ${kinds.length === 0 ? 'none' : kinds.join(', ')}`;
  const kind = kinds[0]!;
  const list = hcert.get(kind);
  if (!Array.isArray(list) || list.length !== 1 || !(list[0] instanceof Map)) return `the "${kind}" part must hold exactly one entry`;
  const entry = list[0] as Entry;
  const uci = text(entry, 'ci');
  if (!uci) return 'the entry has no certificate identifier (ci)';
  const type: CertificateType = kind === 'v' ? 'Vaccination' : kind === 't' ? 'Test' : 'Recovery';
  const content: DccContent = { type, facts: {}, uci, notValid: [] };
  const problem = kind === 't' ? readTest(entry, at, skewSeconds * 1000, content) : kind === 'v' ? readVaccination(entry, at, content) : readRecovery(entry, at, content);
  return problem ?? content;
}
