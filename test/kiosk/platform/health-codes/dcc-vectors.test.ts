// Every expectation in the public EU DCC vectors holds for our own pipeline, except the upstream known issues.
import { afterAll, describe, expect, test } from 'vitest';
import { base45Decode } from '../../../../src/kiosk/platform/health-codes/base45.ts';
import { decodeCbor } from '../../../../src/kiosk/platform/health-codes/cose.ts';
import { checkDccTimes, decodeDccCose, verifyDccCose, verifyDccText } from '../../../../src/kiosk/platform/health-codes/dcc.ts';
import { readDccContent } from '../../../../src/kiosk/platform/health-codes/dcc-content.ts';
import { keyUsageAllows } from '../../../../src/kiosk/platform/health-codes/dcc-key-usage.ts';
import { inflate, qrTextToCose, unprefix } from '../../../../src/kiosk/platform/health-codes/qr-text.ts';
import { trustedKeyFromText, type TrustedKey } from '../../../../src/kiosk/platform/health-codes/signature.ts';
import { isKnownIssue, loadDccVectors, loadKnownIssues, parseValidationClock, type DccVector } from './support/dcc-vectors.ts';
import { decodeQrPng } from './support/qr-image.ts';

const vectors = loadDccVectors();
const knownIssues = loadKnownIssues();
const tally = { files: 0, checked: 0, byExpectation: {} as Record<string, number>, skippedKnownIssue: 0, skippedNoData: [] as string[], endToEnd: 0, verdicts: {} as Record<string, number> };

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
  // The signer's extended key usage must allow the certificate's type (test, vaccination, recovery).
  EXPECTEDKEYUSAGE: (v) => {
    const cose = coseBytesOf(v);
    if (cose === undefined || !v.data.TESTCTX?.CERTIFICATE) return undefined;
    const decoded = decodeDccCose(cose);
    if (!decoded.ok) return false;
    const content = readDccContent(decoded.value.hcert, clockOf(v));
    if (typeof content === 'string') return undefined;
    return keyUsageAllows(certificateOf(v)!.extendedKeyUsage, content.type);
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
    // End to end through the verifier the kiosk uses, from the QR text and the signer certificate: green only when the
    // signature and period hold AND the content says valid (issue 12.2): a detected test, an unknown test type or result,
    // a recovery outside its validity, or a signer whose key usage does not cover the type is never green.
    const cert = vector.data.TESTCTX?.CERTIFICATE;
    if (vector.data.PREFIX !== undefined && cert) {
      const outcome = verifyDccText(vector.data.PREFIX, [trustedKeyFromText(cert)], clockOf(vector));
      const result = outcome.result;
      const verdict = result.status === 'invalid' ? `invalid/${result.reason}` : result.status;
      tally.verdicts[verdict] = (tally.verdicts[verdict] ?? 0) + 1;
      const cryptoPasses = expected.EXPECTEDVERIFY === true && expected.EXPECTEDEXPIRATIONCHECK === true && verdictSteps.every((s) => expected[s] !== false);
      const mustFail = verdictSteps.some((s) => expected[s] === false && !isKnownIssue(knownIssues, vector, s));
      if (cryptoPasses) {
        expect(outcome, 'signature and period hold').toMatchObject({ signature: 'ok', expired: false });
        // What may still stop it is what the certificate says, never the cryptography.
        for (const reason of outcome.reasons) expect(['key-usage', 'content-not-valid', 'malformed'], `${reason}: ${'detail' in result ? result.detail : ''}`).toContain(reason);
      }
      if (mustFail) expect(result.status, 'QR text with a failing step').not.toBe('green');
      if (expected.EXPECTEDKEYUSAGE === false) expect(outcome.reasons, 'a signer not allowed to sign this type').toContain('key-usage');
      if (expected.EXPECTEDKEYUSAGE === true) expect(outcome.reasons).not.toContain('key-usage');
      const tests = (vector.data.JSON as { t?: Array<{ tr?: string; tt?: string }> } | undefined)?.t ?? [];
      if (tests.some((t) => t.tr !== '260415000' || !['LP6464-4', 'LP217198-3'].includes(t.tt ?? ''))) expect(result.status, 'a test that is not a negative NAAT or antigen test').not.toBe('green');
      if (result.status === 'green') expect(result.source).toBe('dcc');
      tally.endToEnd++;
    }
  });

  test('the positive test NL/2DCode/raw/008-NL-test.json is not valid, naming the detected result', () => {
    const v = vectors.find((x) => x.name === 'NL/2DCode/raw/008-NL-test.json')!;
    const outcome = verifyDccText(v.data.PREFIX!, [trustedKeyFromText(v.data.TESTCTX!.CERTIFICATE!)], clockOf(v));
    expect(outcome).toMatchObject({ signature: 'ok', expired: false, result: { status: 'invalid', source: 'dcc', reason: 'content-not-valid' } });
    expect((outcome.result as { detail: string }).detail).toMatch(/detected/);
  });

  test.each(['CO6', 'CO7', 'CO8', 'CO9', 'CO10', 'CO11'])('common/%s: a signer whose key usage names another type is not valid', (name) => {
    const v = vectors.find((x) => x.name === `common/2DCode/raw/${name}.json`)!;
    const outcome = verifyDccText(v.data.PREFIX!, [trustedKeyFromText(v.data.TESTCTX!.CERTIFICATE!)], clockOf(v));
    expect(outcome.result).toMatchObject({ status: 'invalid', reason: 'key-usage' });
  });

  test.each(['CO12', 'CO13', 'CO14', 'CO15'])('common/%s: a signer allowed the type (or naming no type) passes the key-usage check', (name) => {
    const v = vectors.find((x) => x.name === `common/2DCode/raw/${name}.json`)!;
    const outcome = verifyDccText(v.data.PREFIX!, [trustedKeyFromText(v.data.TESTCTX!.CERTIFICATE!)], clockOf(v));
    expect(outcome.reasons).not.toContain('key-usage');
  });

  afterAll(() => {
    console.log(
      `DCC vectors: ${tally.files} files, ${tally.checked} expectations checked ${JSON.stringify(tally.byExpectation)}, ` +
        `${tally.endToEnd} end-to-end verdicts ${JSON.stringify(tally.verdicts)}, ${tally.skippedKnownIssue} skipped as known issues, ` +
        `${tally.skippedNoData.length} not checkable (vector lacks the input): ${tally.skippedNoData.join(' ')}`,
    );
  });
});
