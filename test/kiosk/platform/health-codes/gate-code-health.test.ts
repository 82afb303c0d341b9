// GK1 codes with the optional health claims (keys 5-8): they verify with the facts, old codes without them verify as
// before, and a mistyped claim makes the code malformed, never green.
import { createPublicKey, sign } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { HealthCodeResult } from '../../../../src/common/contract/health-code.ts';
import { base45Encode } from '../../../../src/kiosk/platform/health-codes/base45.ts';
import { ALG_ES256, encodeCbor, encodeCoseSign1 } from '../../../../src/kiosk/platform/health-codes/cose.ts';
import { CLAIM_EXP, CLAIM_IAT, CLAIM_ISS } from '../../../../src/kiosk/platform/health-codes/cwt.ts';
import { CLAIM_GATE, verifyGateCodeText } from '../../../../src/kiosk/platform/health-codes/gate-code.ts';
import { spkiKidOf, trustedKeyFromText } from '../../../../src/kiosk/platform/health-codes/signature.ts';
import { authorityKey, code, T0 } from './support/fixtures.ts';

const keys = [trustedKeyFromText(authorityKey.publicKeyPem, ['code'])];
const policy = { skewSeconds: 120, maxAgeSeconds: 600, revocation: 'skip' as const };
const at = new Date(T0.getTime() + 60_000);
const hoursBefore = (h: number) => new Date(T0.getTime() - h * 3_600_000);

/** Signs a gate claim map exactly as given, to try claims the issuing code would never write. */
function rawCode(gate: Map<number, unknown>): string {
  const iat = Math.floor(T0.getTime() / 1000);
  const claims = new Map<number, unknown>([[CLAIM_ISS, 'test'], [CLAIM_IAT, iat], [CLAIM_EXP, iat + 300], [CLAIM_GATE, gate]]);
  const kid = Buffer.from(spkiKidOf(createPublicKey(authorityKey.privateKey)), 'hex');
  const cose = encodeCoseSign1(ALG_ES256, kid, encodeCbor(claims), (data) => sign('sha256', data, { key: authorityKey.privateKey, dsaEncoding: 'ieee-p1363' }));
  return `GK1:${base45Encode(deflateSync(cose))}`;
}
const base = () => new Map<number, unknown>([[1, 'green'], [2, '张*']]);

describe('GK1 health claims', () => {
  test('a code with every health claim verifies with the facts, aged at the check', () => {
    const text = code({ health: { nucleicAcid: { sampledAt: hoursBefore(47.5), result: 'negative' }, antigen: { testedAt: hoursBefore(3), result: 'negative' }, vaccination: { doses: 3, lastDoseOn: '2022-01-15' }, travelFlag: true } });
    const outcome = verifyGateCodeText(text, keys, at, policy);
    expect(outcome.result).toMatchObject({
      status: 'green',
      nucleicAcid: { result: 'negative', sampledAt: hoursBefore(47.5).toISOString(), hoursAgo: 47 },
      antigen: { result: 'negative', testedAt: hoursBefore(3).toISOString() },
      vaccination: { doses: 3, lastDoseOn: '2022-01-15' },
      travelFlag: true,
    });
    expect(HealthCodeResult.parse(outcome.result)).toEqual(outcome.result);
  });

  test('an old code without health claims verifies exactly as before', () => {
    const outcome = verifyGateCodeText(code(), keys, at, policy);
    expect(outcome.result).toEqual({ status: 'green', source: 'offline-signed', holderName: '张*', checkedAt: at.toISOString(), expiresAt: new Date(T0.getTime() + 300_000).toISOString() });
  });

  test('a travel flag of false is kept (the source said so)', () => {
    expect(verifyGateCodeText(code({ health: { travelFlag: false } }), keys, at, policy).result).toMatchObject({ travelFlag: false });
  });

  test('a positive test stays a fact, not a colour: the decision refuses it', () => {
    expect(verifyGateCodeText(code({ health: { nucleicAcid: { sampledAt: hoursBefore(2), result: 'positive' } } }), keys, at, policy).result).toMatchObject({ status: 'green', nucleicAcid: { result: 'positive' } });
  });

  test('unknown claim keys are ignored: a newer issuer does not break older kiosks', () => {
    const gate = base();
    gate.set(99, 'something new');
    expect(verifyGateCodeText(rawCode(gate), keys, at, policy).result).toMatchObject({ status: 'green' });
  });

  test.each<[string, number, unknown]>([
    ['a test claim that is not a map', 5, 'negative'],
    ['a test without a time', 5, new Map<number, unknown>([[2, 'negative']])],
    ['a test with a result that is neither', 5, new Map<number, unknown>([[1, 1_650_000_000], [2, 'unclear']])],
    ['a test with a negative time', 5, new Map<number, unknown>([[1, -5], [2, 'negative']])],
    ['an antigen test without a result', 6, new Map<number, unknown>([[1, 1_650_000_000]])],
    ['vaccination without a dose count', 7, new Map<number, unknown>([[2, '2022-01-01']])],
    ['vaccination with 99 doses', 7, new Map<number, unknown>([[1, 99]])],
    ['vaccination with a date that is not a date', 7, new Map<number, unknown>([[1, 2], [2, 'last spring']])],
    ['a travel flag that is a word', 8, 'yes'],
  ])('%s is malformed, never green', (_name, key, value) => {
    const gate = base();
    gate.set(key, value);
    expect(verifyGateCodeText(rawCode(gate), keys, at, policy).result).toMatchObject({ status: 'invalid', reason: 'malformed' });
  });
});
