// EU DCCs through the whole verifier the kiosk uses: content, key usage, revocation by each of the three hash types,
// the pinned business rules (failed rules named with their descriptions) and the freshness gates (signer keys, rules,
// revocation list older than 24 h, a disputed clock) that block DCC checking, saying which and since when.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { HealthCodeResult } from '../../../../src/common/contract/health-code.ts';
import { decodeDccCose } from '../../../../src/kiosk/platform/health-codes/dcc.ts';
import { rulesConfirmationPath } from '../../../../src/kiosk/platform/health-codes/dcc-material.ts';
import { qrTextToCose } from '../../../../src/kiosk/platform/health-codes/qr-text.ts';
import { createHealthCodeVerifier } from '../../../../src/kiosk/platform/health-codes/verifier.ts';
import { dccMaterialDir, rule, ruleSet, type DccMaterialDir } from './support/dcc-material.ts';
import { loadDccVectors, parseValidationClock, type DccVector } from './support/dcc-vectors.ts';

const HOUR = 3_600_000;
const vectors = loadDccVectors();
const vector = (name: string) => vectors.find((v) => v.name === name)!;
const clockOf = (v: DccVector) => parseValidationClock(v.data.TESTCTX!.VALIDATIONCLOCK!);
// CO3: a vaccination (dose 1 of 2), ES256; CH/1: signed with PS256.
const CO3 = vector('common/2DCode/raw/CO3.json');
const PS256 = vector('CH/2DCode/raw/1.json');
const POSITIVE = vector('NL/2DCode/raw/008-NL-test.json');

const dirs: DccMaterialDir[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.cleanup()));

function setup(v: DccVector, at = clockOf(v), clockSkewSeconds?: number) {
  const m = dccMaterialDir(at, [v.data.TESTCTX!.CERTIFICATE!]);
  dirs.push(m);
  const verifier = createHealthCodeVerifier(
    { formats: ['dcc'], trustListPath: m.trustListPath, dcc: { rulesPath: m.rulesPath, revocationDir: m.revocationDir } },
    { clockSkewSeconds: () => clockSkewSeconds },
  );
  return { m, verifier, at, check: (when = at) => verifier.verify(v.data.PREFIX!, when) };
}

/** The three revocation hashes computed here from the certificate, independently of the verifier's own code. */
function hashesOf(v: DccVector) {
  const doc = decodeDccCose((qrTextToCose(v.data.PREFIX!, 'HC1:') as { value: Uint8Array }).value);
  if (!doc.ok) throw new Error(doc.detail);
  const entry = (v.data.JSON as Record<string, Array<{ ci: string }>>);
  const uci = (entry.v ?? entry.t ?? entry.r)![0]!.ci;
  const sig = Buffer.from(doc.value.cose.signature);
  const h = (data: Buffer | string) => createHash('sha256').update(data).digest().subarray(0, 16).toString('hex');
  return {
    UCI: h(uci),
    COUNTRYCODEUCI: h(`${doc.value.claims.iss}${uci}`),
    SIGNATURE: h(doc.value.cose.alg === -7 ? sig.subarray(0, 32) : sig),
  };
}

describe('a DCC through the whole verifier', () => {
  test('a valid vaccination certificate with fresh material is green with its facts', async () => {
    const { check } = setup(CO3);
    const result = await check();
    expect(result).toMatchObject({ status: 'green', source: 'dcc', vaccination: { doses: 1, lastDoseOn: '2021-02-18', seriesComplete: false } });
    // The holder's name is masked as a GK1 issuer masks it ("Gabriele Musterfrau-Gößinger").
    expect((result as { holderName: string }).holderName).toMatch(/^G\*{7} M\*+r$/);
    expect(HealthCodeResult.parse(result)).toEqual(result);
  });

  test('a positive test (NL 008) is not valid, whatever else holds', async () => {
    const { check } = setup(POSITIVE);
    expect(await check()).toMatchObject({ status: 'invalid', reason: 'content-not-valid' });
  });

  test('a DCC past its expiry, with material fresh at that time, is expired', async () => {
    const far = new Date(clockOf(CO3).getTime() + 5 * 365 * 24 * HOUR);
    const { check } = setup(CO3, far);
    expect(await check()).toMatchObject({ status: 'invalid', reason: 'expired' });
  });
});

describe('revocation by each hash type', () => {
  test.each(['UCI', 'COUNTRYCODEUCI', 'SIGNATURE'] as const)('a %s hash on the list revokes an ES256 certificate', async (type) => {
    const { m, check, at } = setup(CO3);
    expect(await check()).toMatchObject({ status: 'green' });
    m.writeRevoked([{ type: 'UCI', hash: 'ff'.repeat(16) }, { type, hash: hashesOf(CO3)[type] }], new Date(at.getTime() - HOUR), 2);
    const result = await check();
    expect(result).toMatchObject({ status: 'invalid', reason: 'revoked', source: 'dcc' });
    expect((result as { detail: string }).detail).toMatch(new RegExp(`${type} hash .*version 2`));
  });

  test('the SIGNATURE hash of an RSA-PSS certificate covers the whole signature', async () => {
    const { m, check, at } = setup(PS256);
    expect(await check()).toMatchObject({ status: 'green' });
    m.writeRevoked([{ type: 'SIGNATURE', hash: hashesOf(PS256).SIGNATURE }], new Date(at.getTime() - HOUR), 2);
    expect(await check()).toMatchObject({ status: 'invalid', reason: 'revoked' });
  });

  test('a hash listed under another type is no hit (types are kept apart)', async () => {
    const { m, check, at } = setup(CO3);
    const h = hashesOf(CO3);
    m.writeRevoked([{ type: 'SIGNATURE', hash: h.UCI }, { type: 'UCI', hash: h.SIGNATURE }, { type: 'UCI', hash: h.COUNTRYCODEUCI }], new Date(at.getTime() - HOUR), 2);
    expect(await check()).toMatchObject({ status: 'green' });
  });

  test('a damaged chunk makes the list unusable: DCCs are blocked, not waved through', async () => {
    const { m, check } = setup(CO3);
    writeFileSync(`${m.revocationDir}/v1-0.bin`, Buffer.from([1, 2, 3]));
    const result = await check();
    expect(result).toMatchObject({ status: 'error', reason: 'dcc-material-stale' });
    expect((result as { detail: string }).detail).toMatch(/revocation list version 1 is damaged/);
  });
});

describe('business rules', () => {
  const v0 = { var: 'payload.v.0' };
  const complete = rule('VR-CN-0001', 'Vaccination', { if: [v0, { '>=': [{ var: 'payload.v.0.dn' }, { var: 'payload.v.0.sd' }] }, true] }, 'The vaccination schedule must be complete.');
  const knownVaccine = rule('VR-CN-0002', 'Vaccination', { in: [{ var: 'payload.v.0.mp' }, { var: 'external.valueSets.vaccines-covid-19-names' }] }, 'The vaccine must be an accepted product.');
  const testOnly = rule('TR-CN-0001', 'Test', false, 'Tests are not accepted.');

  test('each failed rule is named with its description in both languages; the ones that hold are not', async () => {
    const { m, check, at } = setup(CO3);
    m.writeRules(ruleSet(at, [complete, knownVaccine, testOnly], { valueSets: { 'vaccines-covid-19-names': ['EU/1/20/1528'] } }));
    const result = await check();
    expect(result).toMatchObject({ status: 'invalid', reason: 'content-not-valid', failedRules: [{ id: 'VR-CN-0001', description: 'The vaccination schedule must be complete.', descriptionZh: '规则 VR-CN-0001' }] });
    expect((result as { detail: string }).detail).toMatch(/1 business rule of rule set version 1 failed: VR-CN-0001/);
  });

  test('a rule that throws (a type mismatch) counts as failed', async () => {
    const { m, check, at } = setup(CO3);
    m.writeRules(ruleSet(at, [rule('GR-CN-0001', 'General', { '<': [{ var: 'payload.nam.fn' }, 3] }, 'Broken rule')]));
    expect(await check()).toMatchObject({ status: 'invalid', failedRules: [{ id: 'GR-CN-0001' }] });
  });

  test('only the rules valid at the clock apply, the newest version of each', async () => {
    const { m, check, at } = setup(CO3);
    const later = rule('GR-CN-0002', 'General', false, 'Not yet in force', { ValidFrom: new Date(at.getTime() + 24 * HOUR).toISOString() });
    const ended = rule('GR-CN-0003', 'General', false, 'No longer in force', { ValidTo: new Date(at.getTime() - HOUR).toISOString() });
    const v1 = rule('GR-CN-0004', 'General', false, 'Version 1 refused everything');
    const v2 = rule('GR-CN-0004', 'General', true, 'Version 2 accepts', { Version: '1.10.0' });
    m.writeRules(ruleSet(at, [later, ended, v1, v2, testOnly]));
    expect(await check()).toMatchObject({ status: 'green' });
  });

  test('a rule written for a later engine major version cannot be trusted: it fails', async () => {
    const { m, check, at } = setup(CO3);
    m.writeRules(ruleSet(at, [rule('GR-CN-0005', 'General', true, 'Future engine', { EngineVersion: '2.0.0' })]));
    expect(await check()).toMatchObject({ status: 'invalid', failedRules: [{ id: 'GR-CN-0005' }] });
  });

  test('rules see the validation clock and the holder\'s date of birth as the specification defines them', async () => {
    const { m, check, at } = setup(CO3);
    const adult = rule('GR-CN-0006', 'General', { 'not-after': [{ dccDateOfBirth: [{ var: 'payload.dob' }] }, { plusTime: [{ var: 'external.validationClock' }, -18, 'year'] }] }, 'Adults only');
    const recent = rule('VR-CN-0003', 'Vaccination', { 'not-before': [{ plusTime: [{ var: 'payload.v.0.dt' }, 365, 'day'] }, { plusTime: [{ var: 'external.validationClock' }, 0, 'day'] }] }, 'Within a year of the dose');
    m.writeRules(ruleSet(at, [adult, recent]));
    expect(await check()).toMatchObject({ status: 'green' });
    // The same shape with 30 days: the dose of 2021-02-18 is 74 days before the clock.
    const within30 = rule('VR-CN-0004', 'Vaccination', { 'not-before': [{ plusTime: [{ var: 'payload.v.0.dt' }, 30, 'day'] }, { plusTime: [{ var: 'external.validationClock' }, 0, 'day'] }] }, 'Within 30 days of the dose');
    m.writeRules(ruleSet(at, [adult, recent, within30], { version: 2 }));
    expect(await check()).toMatchObject({ status: 'invalid', failedRules: [{ id: 'VR-CN-0004', description: 'Within 30 days of the dose' }] });
  });

  test('an unreadable rule set blocks DCCs and says why', async () => {
    const { m, check } = setup(CO3);
    writeFileSync(m.rulesPath, '{"version": 1, "rules": "all"}');
    const result = await check();
    expect(result).toMatchObject({ status: 'error', reason: 'dcc-material-stale' });
    expect((result as { detail: string }).detail).toMatch(/DCC rule set .* is unreadable/);
  });
});

describe('freshness gates', () => {
  test.each([
    ['signer keys', (m: DccMaterialDir, at: Date) => m.writeTrust([CO3.data.TESTCTX!.CERTIFICATE!], new Date(at.getTime() - 25 * HOUR)), /DCC signer keys .* more than 24 hours \(since/],
    ['rules', (m: DccMaterialDir, at: Date) => m.writeRules(ruleSet(new Date(at.getTime() - 24 * HOUR))), /business rules version 1 are older than 24 hours .*\(since/],
    ['rules past their own expiry', (m: DccMaterialDir, at: Date) => m.writeRules(ruleSet(at, [], { expiresAt: new Date(at.getTime() - 60_000).toISOString() })), /business rules version 1 .*past their expiry/],
    ['revocation list', (m: DccMaterialDir, at: Date) => m.writeRevoked([], new Date(at.getTime() - 24 * HOUR - 60_000)), /revocation list version 1 has not been confirmed for more than 24 hours \(since/],
  ] as const)('%s older than 24 h block DCC verification, naming them and since when', async (_name, age, detail) => {
    const { m, check, verifier, at } = setup(CO3);
    age(m, at);
    const result = await check();
    expect(result).toMatchObject({ status: 'error', reason: 'dcc-material-stale', source: 'dcc' });
    expect((result as { detail: string }).detail).toMatch(detail);
    const status = await verifier.dccStatus(at);
    expect(status.accepted).toBe(true);
    expect(status.blocks).toHaveLength(1);
    expect(status.blocks[0]!.since).not.toBeNull();
    expect(Date.parse(status.blocks[0]!.since!)).toBeLessThanOrEqual(at.getTime());
  });

  test('a rule set confirmed by its source within 24 h stays fresh though issued long ago', async () => {
    const { m, check, at } = setup(CO3);
    m.writeRules(ruleSet(new Date(at.getTime() - 10 * 24 * HOUR)));
    expect(await check()).toMatchObject({ status: 'error' });
    writeFileSync(rulesConfirmationPath(m.rulesPath), JSON.stringify({ version: 1, checkedAt: new Date(at.getTime() - HOUR).toISOString() }));
    expect(await check()).toMatchObject({ status: 'green' });
    // A confirmation of another version does not count.
    writeFileSync(rulesConfirmationPath(m.rulesPath), JSON.stringify({ version: 2, checkedAt: new Date(at.getTime() - HOUR).toISOString() }));
    expect(await check()).toMatchObject({ status: 'error' });
  });

  test('nothing downloaded yet: every missing material is named', async () => {
    const verifier = createHealthCodeVerifier({ formats: ['dcc'], trustListPath: '/nonexistent/trust.json', dcc: { rulesPath: '/nonexistent/rules.json', revocationDir: '/nonexistent/rev' } });
    const at = clockOf(CO3);
    const status = await verifier.dccStatus(at);
    expect(status.blocks.map((b) => b.material)).toEqual(['signer-keys', 'rules', 'revocation-list']);
    expect(await verifier.verify(CO3.data.PREFIX!, at)).toMatchObject({ status: 'error', reason: 'dcc-material-stale' });
  });

  test.each([
    [300, 'clock-unverified', /kiosk clock is 5 minutes ahead of the registry/],
    [-200, 'clock-unverified', /3 minutes behind/],
  ] as const)('a kiosk clock %i s off the registry\'s blocks DCC verification', async (skew, reason, detail) => {
    const { check } = setup(CO3, undefined, skew);
    const result = await check();
    expect(result).toMatchObject({ status: 'error', reason });
    expect((result as { detail: string }).detail).toMatch(detail);
  });

  test('a clock within two minutes of the registry\'s, or no registry, is fine', async () => {
    expect(await setup(CO3, undefined, 90).check()).toMatchObject({ status: 'green' });
    expect(await setup(CO3, undefined, undefined).check()).toMatchObject({ status: 'green' });
  });

  test('a gate that does not accept DCCs reports no blocks', async () => {
    const verifier = createHealthCodeVerifier({ formats: ['offline-signed'], trustListPath: '/nonexistent' });
    expect(await verifier.dccStatus(new Date())).toEqual({ accepted: false, blocks: [] });
  });
});

describe('the DCC source address', () => {
  test.each([
    ['https://dcc.example/api', true],
    ['http://127.0.0.1:8480', true],
    ['http://localhost:8480/x', true],
    ['http://dcc.example/api', false],
    ['http://127.0.0.1.evil.example/', false],
  ])('%s is %s', async (url, ok) => {
    const { HealthCodeConfig } = await import('../../../../src/kiosk/platform/health-codes/config.ts');
    expect(HealthCodeConfig.safeParse({ formats: ['dcc'], dcc: { sourceUrl: url } }).success).toBe(ok);
  });
});
