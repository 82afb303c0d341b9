// The verifier picks the source by the QR text and refuses, with the right reason, everything that is not a trusted colour.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HealthCodeResult } from '../../../../src/common/contract/health-code.ts';
import { createHealthCodeVerifier, type HealthCodeVerifier } from '../../../../src/kiosk/platform/health-codes/verifier.ts';
import { idNumberMatches, hashIdNumber } from '../../../../src/kiosk/platform/health-codes/identity.ts';
import { authorityKey, card, code, strangerKey, T0, trustDir, type TrustDir } from './support/fixtures.ts';
import { loadDccVectors } from './support/dcc-vectors.ts';
import { trustedKeyFromText } from '../../../../src/kiosk/platform/health-codes/signature.ts';

const idKey = Buffer.alloc(32, 7);
const seconds = (n: number) => new Date(T0.getTime() + n * 1000);
const dcc = loadDccVectors().find((v) => v.name === 'common/2DCode/raw/CO3.json' || v.name.startsWith('AT/'))!;
const dccKey = trustedKeyFromText(dcc.data.TESTCTX!.CERTIFICATE!);

let dir: TrustDir;
let verifier: HealthCodeVerifier;
beforeAll(() => {
  // Long enough to cover the DCC vector's 2021 clock and its expiry years later.
  dir = trustDir([{ kid: dccKey.certKid!, publicKey: dcc.data.TESTCTX!.CERTIFICATE!, use: ['dcc'] }], { from: new Date('2020-01-01T00:00:00Z'), days: 365 * 20 });
  verifier = createHealthCodeVerifier({
    formats: ['offline-signed', 'resident-card', 'dcc'],
    trustListPath: dir.trustListPath,
    revocationListPath: dir.revocationListPath,
    skewSeconds: 60,
    maxAgeSeconds: 600,
  });
});
afterAll(() => dir.cleanup());

// EU DCCs through the whole verifier (rules, revocation, freshness): test/kiosk/platform/health-codes/dcc-verifier.test.ts.

describe('accepted codes', () => {
  test.each([
    ['green offline code', () => code(), seconds(10), { status: 'green', source: 'offline-signed', holderName: '张*' }],
    ['yellow offline code', () => code({ colour: 'yellow' }), seconds(10), { status: 'yellow', source: 'offline-signed' }],
    ['red offline code', () => code({ colour: 'red' }), seconds(10), { status: 'red', source: 'offline-signed' }],
    ['under-review offline code', () => code({ colour: 'review' }), seconds(10), { status: 'review', source: 'offline-signed' }],
    ['within skew before iat', () => code(), seconds(-50), { status: 'green' }],
    ['within skew after exp', () => code(), seconds(350), { status: 'green' }],
    ['resident card a month on', () => card(), seconds(30 * 86_400), { status: 'green', source: 'resident-card', cardId: 'C-0001' }],
    ['code with surrounding scanner whitespace', () => `${code()}\r\n`, seconds(1), { status: 'green' }],
  ] as const)('%s', async (_name, make, at, expected) => {
    const result = await verifier.verify(make(), at);
    expect(result).toMatchObject(expected);
    expect(HealthCodeResult.parse(result)).toEqual(result);
  });

  test('the keyed ID hash matches the ID document only with the right number', async () => {
    const result = await verifier.verify(code({ idHash: hashIdNumber('110101199003074512', idKey) }), seconds(1));
    if (result.status !== 'green' || !result.idHash) throw new Error(`expected green with idHash, got ${JSON.stringify(result)}`);
    expect(idNumberMatches(result.idHash, '110101 199003074512', idKey)).toBe(true);
    expect(idNumberMatches(result.idHash, '110101199003074513', idKey)).toBe(false);
  });
});

function tampered(): string {
  const text = code();
  const i = text.length - 5;
  return text.slice(0, i) + (text[i] === 'A' ? 'B' : 'A') + text.slice(i + 1);
}

type RefusalCase = [name: string, make: () => string, at: Date, status: 'invalid', reason: string | null];
const refusalCases: RefusalCase[] = [
    ['expired', () => code(), seconds(300 + 61), 'invalid', 'expired'],
    ['old screenshot past max age though exp is later', () => code({ lifetimeSeconds: 86_400 }), seconds(600 + 61), 'invalid', 'expired'],
    ['not yet valid (kiosk clock behind)', () => code(), seconds(-61), 'invalid', 'not-yet-valid'],
    ['bad signature (one character changed)', tampered, seconds(1), 'invalid', null],
    ['unknown signer', () => code({}, strangerKey), seconds(1), 'invalid', 'unknown-signer'],
    ['code key cannot sign a resident card', () => code({ cardId: 'C-9' }), seconds(1), 'invalid', 'unknown-signer'],
    ['revoked card', () => card({ cardId: 'C-REVOKED' }), seconds(1), 'invalid', 'revoked'],
    ['malformed: random text', () => 'hello world', seconds(1), 'invalid', 'malformed'],
    ['malformed: GK1 with bad base45', () => 'GK1:abc', seconds(1), 'invalid', 'malformed'],
    ['malformed: empty', () => '', seconds(1), 'invalid', 'malformed'],
    ['malformed: a web link is not a health code (issue 13.3)', () => 'https://weixin.qq.com/r/mp/AbCdEfGhIjKl', seconds(1), 'invalid', 'malformed'],
    ['malformed: a scanner without Shift', () => 'gk1;6bfoxn8ts0bi4zd8uh', seconds(1), 'invalid', 'malformed'],
    ['online code with no authority configured', () => 'HA1:abcdefghijklmnop', seconds(1), 'invalid', 'format-not-accepted'],
];

describe('refusals', () => {
  test.each(refusalCases)('%s', async (_name, make, at, status, reason) => {
    const result = await verifier.verify(make(), at);
    expect(result.status).toBe(status);
    if (reason) expect(result).toMatchObject({ reason });
    // A tampered character may break base45/zlib/CBOR or the signature; either way never a colour.
    else expect(['bad-signature', 'malformed']).toContain((result as { reason: string }).reason);
    expect(HealthCodeResult.parse(result)).toEqual(result);
  });

  test('a valid code with a tampered signature is bad-signature', async () => {
    const other = code({ colour: 'red' });
    const outcome = await verifier.verifyDetailed(code(), seconds(1));
    expect(outcome.signature).toBe('ok');
    // Swap in a signature over different claims: decodes fine, must not verify.
    const { qrTextToCose } = await import('../../../../src/kiosk/platform/health-codes/qr-text.ts');
    const { decodeCoseSign1, encodeCbor } = await import('../../../../src/kiosk/platform/health-codes/cose.ts');
    const { Tag } = await import('cbor-x');
    const { base45Encode } = await import('../../../../src/kiosk/platform/health-codes/base45.ts');
    const { deflateSync } = await import('node:zlib');
    const a = decodeCoseSign1((qrTextToCose(code(), 'GK1:') as { value: Uint8Array }).value) as { value: { protectedBytes: Uint8Array; payload: Uint8Array } };
    const b = decodeCoseSign1((qrTextToCose(other, 'GK1:') as { value: Uint8Array }).value) as { value: { signature: Uint8Array } };
    const forged = encodeCbor(new Tag([Buffer.from(a.value.protectedBytes), new Map(), Buffer.from(a.value.payload), Buffer.from(b.value.signature)], 18));
    const result = await verifier.verifyDetailed(`GK1:${base45Encode(deflateSync(forged))}`, seconds(1));
    expect(result).toMatchObject({ signature: 'bad', result: { status: 'invalid', reason: 'bad-signature' } });
  });

  test('a stale trust list refuses loudly, even a valid code', async () => {
    const stale = trustDir();
    try {
      const v = createHealthCodeVerifier({ formats: ['offline-signed'], trustListPath: stale.trustListPath });
      const result = await v.verify(code({ issuedAt: seconds(40 * 86_400) }), seconds(40 * 86_400 + 5));
      expect(result).toMatchObject({ status: 'invalid', reason: 'stale-trust-list' });
      expect((result as { detail: string }).detail).toMatch(/expired at .*update it/);
    } finally {
      stale.cleanup();
    }
  });

  test.each([
    ['no trust list configured', {}, 'no-trust-list'],
    ['trust list file missing', { trustListPath: '/nonexistent/trust.json' }, 'no-trust-list'],
  ] as const)('%s: technical error, never a colour', async (_name, extra, reason) => {
    const v = createHealthCodeVerifier({ formats: ['offline-signed'], ...extra });
    expect(await v.verify(code(), seconds(1))).toMatchObject({ status: 'error', reason });
  });

  test('a resident card without a revocation list is a technical error', async () => {
    const v = createHealthCodeVerifier({ formats: ['resident-card'], trustListPath: dir.trustListPath });
    expect(await v.verify(card(), seconds(1))).toMatchObject({ status: 'error', reason: 'no-trust-list' });
  });

  test.each([
    ['DCC at a gate without dcc', ['offline-signed'], () => dcc.data.PREFIX!, 'dcc'],
    ['resident card at a gate without cards', ['offline-signed'], () => card(), 'resident-card'],
    ['offline code at a cards-only gate', ['resident-card'], () => code(), 'offline-signed'],
  ] as const)('format not accepted: %s', async (_name, formats, make, source) => {
    const v = createHealthCodeVerifier({ formats: [...formats], trustListPath: dir.trustListPath, revocationListPath: dir.revocationListPath });
    expect(await v.verify(make(), seconds(1))).toMatchObject({ status: 'invalid', reason: 'format-not-accepted', source });
  });

  test('a refreshed trust list on disk takes effect without a restart', async () => {
    const local = trustDir();
    try {
      const v = createHealthCodeVerifier({ formats: ['offline-signed'], trustListPath: local.trustListPath });
      expect(await v.verify(code(), seconds(1))).toMatchObject({ status: 'green' });
      local.writeTrustList({ version: 2, issuedAt: T0.toISOString(), expiresAt: seconds(86_400).toISOString(), keys: [], });
      expect(await v.verify(code(), seconds(1))).toMatchObject({ status: 'invalid', reason: 'unknown-signer' });
    } finally {
      local.cleanup();
    }
  });

  test('config refuses online without an authority', () => {
    expect(() => createHealthCodeVerifier({ formats: ['online'] })).toThrow(/authority/);
  });

  test('the authority key kid is what the trust list pins', () => {
    expect(authorityKey.kid).toMatch(/^[0-9a-f]{16}$/);
  });
});
