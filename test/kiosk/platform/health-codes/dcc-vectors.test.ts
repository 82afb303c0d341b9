// Every expectation in the public EU DCC vectors holds for our own pipeline, except the upstream known issues.
import { afterAll, describe, expect, test } from 'vitest';
import { base45Decode } from '../../../../src/kiosk/platform/health-codes/base45.ts';
import { decodeCbor } from '../../../../src/kiosk/platform/health-codes/cose.ts';
import { checkDccTimes, decodeDccCose, verifyDccCose, verifyDccText } from '../../../../src/kiosk/platform/health-codes/dcc.ts';
import { inflate, qrTextToCose, unprefix } from '../../../../src/kiosk/platform/health-codes/qr-text.ts';
import { trustedKeyFromText, type TrustedKey } from '../../../../src/kiosk/platform/health-codes/signature.ts';
import { isKnownIssue, loadDccVectors, loadKnownIssues, parseValidationClock, type DccVector } from './support/dcc-vectors.ts';
import { decodeQrPng } from './support/qr-image.ts';

const vectors = loadDccVectors();
const knownIssues = loadKnownIssues();
const tally = { files: 0, checked: 0, byExpectation: {} as Record<string, number>, skippedKnownIssue: 0, skippedNoData: [] as string[], endToEnd: 0 };

/** Canonical form for comparing decoded CBOR with the vector's JSON: sorted keys and arrays, dates to the second in UTC. */
function canonical(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace(/\.\d+Z$/, 'Z');
  if (value instanceof Map) return canonical(Object.fromEntries([...value].map(([k, v]) => [String(k), v])));
  if (Array.isArray(value)) return value.map(canonical).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]));
  }
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(value)) {
    const parsed = new Date(/(Z|[+-]\d\d:?\d\d)$/.test(value) ? value : `${value}Z`);
    if (!Number.isNaN(parsed.getTime())) return parsed.toISOString().replace(/\.\d+Z$/, 'Z');
  }
  return value;
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

function coseBytesOf(v: DccVector): Uint8Array | undefined {
  if (v.data.COSE) return Buffer.from(v.data.COSE, 'hex');
  if (!v.data.PREFIX) return undefined;
  const derived = qrTextToCose(v.data.PREFIX, 'HC1:');
  return derived.ok ? derived.value : undefined;
}

function certificateOf(v: DccVector): TrustedKey | undefined {
  const cert = v.data.TESTCTX?.CERTIFICATE;
  return cert ? trustedKeyFromText(cert) : undefined;
}

function clockOf(v: DccVector): Date {
  const clock = v.data.TESTCTX?.VALIDATIONCLOCK;
  return clock ? parseValidationClock(clock) : new Date();
}

/** Each check answers "does this step of our pipeline reproduce the vector?", or undefined when the vector lacks the inputs. */
const checks: Record<string, (v: DccVector) => boolean | undefined> = {
  EXPECTEDUNPREFIX: (v) => {
    if (v.data.PREFIX === undefined || v.data.BASE45 === undefined) return undefined;
    const body = unprefix(v.data.PREFIX, 'HC1:');
    return body.ok && body.value === v.data.BASE45;
  },
  EXPECTEDB45DECODE: (v) => {
    if (v.data.BASE45 === undefined) return undefined;
    const bytes = base45Decode(v.data.BASE45);
    if (v.data.COMPRESSED !== undefined) return bytes !== null && hex(bytes) === v.data.COMPRESSED.toLowerCase();
    // Some vectors omit COMPRESSED: then the decoded bytes must inflate to the given COSE.
    if (v.data.COSE === undefined) return undefined;
    const inflated = bytes === null ? undefined : inflate(bytes);
    return inflated !== undefined && inflated.ok && hex(inflated.value) === v.data.COSE.toLowerCase();
  },
  EXPECTEDCOMPRESSION: (v) => {
    if (v.data.COMPRESSED === undefined || v.data.COSE === undefined) return undefined;
    const inflated = inflate(Buffer.from(v.data.COMPRESSED, 'hex'));
    return inflated.ok && hex(inflated.value) === v.data.COSE.toLowerCase();
  },
  EXPECTEDDECODE: (v) => {
    const cose = coseBytesOf(v);
    if (cose === undefined && v.data.CBOR === undefined) return undefined;
    if (cose === undefined) return false;
    const content = decodeDccCose(cose);
    if (!content.ok) return false;
    if (v.data.JSON !== undefined && JSON.stringify(canonical(content.value.hcert)) !== JSON.stringify(canonical(v.data.JSON))) return false;
    if (v.data.CBOR !== undefined) {
      const cbor = decodeCbor(Buffer.from(v.data.CBOR, 'hex'));
      if (!cbor.ok) return false;
      // Vectors give CBOR either as the whole CWT payload or as the hcert document alone.
      const whole = JSON.stringify(canonical(cbor.value));
      if (whole !== JSON.stringify(canonical(content.value.claims.all)) && whole !== JSON.stringify(canonical(content.value.hcert))) return false;
    }
    return true;
  },
  EXPECTEDVERIFY: (v) => {
    const cose = coseBytesOf(v);
    if (cose === undefined || !v.data.TESTCTX?.CERTIFICATE) return v.data.COSE === undefined && v.data.PREFIX === undefined ? undefined : false;
    return verifyDccCose(cose, [certificateOf(v)!], clockOf(v)).signature === 'ok';
  },
  EXPECTEDEXPIRATIONCHECK: (v) => {
    const cose = coseBytesOf(v);
    if (cose === undefined || !v.data.TESTCTX?.CERTIFICATE) return undefined;
    const content = decodeDccCose(cose);
    if (!content.ok) return false;
    const times = checkDccTimes(content.value.claims, clockOf(v), certificateOf(v));
    return times.expired === false && times.reasons.length === 0;
  },
  EXPECTEDPICTUREDECODE: (v) => {
    if (v.data['2DCODE'] === undefined || v.data.PREFIX === undefined) return undefined;
    try {
      return decodeQrPng(Buffer.from(v.data['2DCODE'], 'base64')) === v.data.PREFIX;
    } catch {
      return false;
    }
  },
};

/** Failing steps that sit on the path from the QR text to a verdict: if any is expected to fail, the text must not pass. */
const verdictSteps = ['EXPECTEDUNPREFIX', 'EXPECTEDB45DECODE', 'EXPECTEDCOMPRESSION', 'EXPECTEDDECODE', 'EXPECTEDVERIFY', 'EXPECTEDEXPIRATIONCHECK'];

describe('EU DCC public test vectors', () => {
  test('the vectors are there', () => {
    expect(vectors.length, `no vectors under ${'../shared/testdata/dcc'}`).toBeGreaterThan(300);
  });

  test.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, vector) => {
    tally.files++;
    const expected = vector.data.EXPECTEDRESULTS;
    for (const [expectation, check] of Object.entries(checks)) {
      if (!(expectation in expected)) continue;
      if (isKnownIssue(knownIssues, vector, expectation)) {
        tally.skippedKnownIssue++;
        continue;
      }
      const holds = check(vector);
      if (holds === undefined) {
        tally.skippedNoData.push(`${vector.name}:${expectation}`);
        continue;
      }
      expect(holds, `${expectation} should be ${expected[expectation]}`).toBe(expected[expectation]);
      tally.checked++;
      tally.byExpectation[expectation] = (tally.byExpectation[expectation] ?? 0) + 1;
    }
    // End to end through the verifier the kiosk uses, from the QR text and the signer certificate.
    const cert = vector.data.TESTCTX?.CERTIFICATE;
    if (vector.data.PREFIX !== undefined && cert) {
      const outcome = verifyDccText(vector.data.PREFIX, [trustedKeyFromText(cert)], clockOf(vector));
      const mustPass = expected.EXPECTEDVERIFY === true && expected.EXPECTEDEXPIRATIONCHECK === true && verdictSteps.every((s) => expected[s] !== false);
      const mustFail = verdictSteps.some((s) => expected[s] === false && !isKnownIssue(knownIssues, vector, s));
      if (mustPass) expect(outcome.result, 'QR text with valid signature and period').toMatchObject({ status: 'green', source: 'dcc' });
      if (mustFail) expect(outcome.result.status, 'QR text with a failing step').not.toBe('green');
      if (mustPass || mustFail) tally.endToEnd++;
    }
  });

  afterAll(() => {
    console.log(
      `DCC vectors: ${tally.files} files, ${tally.checked} expectations checked ${JSON.stringify(tally.byExpectation)}, ` +
        `${tally.endToEnd} end-to-end verdicts, ${tally.skippedKnownIssue} skipped as known issues, ` +
        `${tally.skippedNoData.length} not checkable (vector lacks the input): ${tally.skippedNoData.join(' ')}`,
    );
  });
});
