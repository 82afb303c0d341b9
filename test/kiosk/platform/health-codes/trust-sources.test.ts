// Two trust lists side by side (the compound's file and the district's list from the registry): each keeps its own
// version and expiry, a stale one refuses only the codes its keys signed, and both revocation sources are honoured.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateSignerKey, trustListOf } from '../../../../src/kiosk/platform/health-codes/signer-keys.ts';
import { parseTrustList } from '../../../../src/kiosk/platform/health-codes/trust-list.ts';
import { sortTrustSources, type ExtraRevocations, type Loaded, type TrustSource } from '../../../../src/kiosk/platform/health-codes/trust-sources.ts';
import { createHealthCodeVerifier } from '../../../../src/kiosk/platform/health-codes/verifier.ts';
import { card, code, compoundKey, strangerKey, T0, trustDir, type TrustDir } from './support/fixtures.ts';

const at = new Date(T0.getTime() + 10_000);
const districtKey = generateSignerKey();
const FRESH = { from: new Date(T0.getTime() - 86_400_000), days: 30 };
const STALE = { from: new Date(T0.getTime() - 40 * 86_400_000), days: 30 };

type ListState = 'fresh' | 'stale' | 'broken' | 'none';

function districtSource(state: ListState): TrustSource[] {
  if (state === 'none') return [];
  const name = 'district trust list (from the registry)';
  const remedy = 'connect the kiosk to the registry so it fetches a current one';
  if (state === 'broken') return [{ name, remedy, loaded: { ok: false, detail: 'district trust list version 2 is unusable' } }];
  const validity = state === 'fresh' ? FRESH : STALE;
  const list = parseTrustList(JSON.stringify(trustListOf([{ key: districtKey, use: ['code', 'card'] }], validity.from, validity.days, 2)));
  return [{ name, remedy, loaded: { ok: true, value: list } }];
}

let dirs: Record<'fresh' | 'stale' | 'broken', TrustDir>;
beforeAll(() => {
  const compoundOnly = (validity: typeof FRESH) => {
    const dir = trustDir();
    dir.writeTrustList(trustListOf([{ key: compoundKey, use: ['card'] }], validity.from, validity.days, 1));
    return dir;
  };
  const broken = trustDir();
  broken.writeTrustList({ version: 1, issuedAt: T0.toISOString(), expiresAt: T0.toISOString(), keys: [{ kid: '0000000000000000', publicKey: districtKey.publicKeyPem, use: ['card'] }] });
  dirs = { fresh: compoundOnly(FRESH), stale: compoundOnly(STALE), broken };
});
afterAll(() => Object.values(dirs).forEach((d) => d.cleanup()));

function verifier(file: 'fresh' | 'stale' | 'broken', district: ListState, revoked: Loaded<ExtraRevocations> | null = null, withLocalRevocations = true) {
  const dir = dirs[file];
  return createHealthCodeVerifier(
    { formats: ['offline-signed', 'resident-card'], trustListPath: dir.trustListPath, ...(withLocalRevocations ? { revocationListPath: dir.revocationListPath } : {}) },
    { trustLists: async () => districtSource(district), revokedCards: async () => revoked },
  );
}

const districtCode = () => code({}, districtKey);
const districtCard = () => code({ cardId: 'D-0001', lifetimeSeconds: 365 * 86_400 }, districtKey);
const strangerCode = () => code({}, strangerKey);

describe('a code is judged by the list its signer is in', () => {
  test.each([
    ['both fresh: district-signed code', 'fresh', 'fresh', districtCode, { status: 'green', source: 'offline-signed' }, null],
    ['both fresh: compound card', 'fresh', 'fresh', () => card(), { status: 'green', source: 'resident-card' }, null],
    ['both fresh: district-signed card', 'fresh', 'fresh', districtCard, { status: 'green', source: 'resident-card' }, null],
    ['district stale: its code refused, naming it', 'fresh', 'stale', districtCode, { status: 'invalid', reason: 'stale-trust-list' }, /^district trust list \(from the registry\) version 2 expired at .*: update it \(connect the kiosk to the registry/],
    ['district stale: the compound card still passes', 'fresh', 'stale', () => card(), { status: 'green', source: 'resident-card' }, null],
    ['compound file stale: the district code still passes', 'stale', 'fresh', districtCode, { status: 'green' }, null],
    ['compound file stale: its card refused, naming it', 'stale', 'fresh', () => card(), { status: 'invalid', reason: 'stale-trust-list' }, /^trust list .*trust-list\.json version 1 expired at .*: update it \(renew it/],
    ['both fresh: a stranger is unknown', 'fresh', 'fresh', strangerCode, { status: 'invalid', reason: 'unknown-signer' }, null],
    ['no district list: its code is unknown', 'fresh', 'none', districtCode, { status: 'invalid', reason: 'unknown-signer' }, null],
    ['both stale: even a stranger is refused as stale first', 'stale', 'stale', strangerCode, { status: 'invalid', reason: 'stale-trust-list' }, /trust-list\.json version 1 expired.*district trust list.*version 2 expired/],
    ['district unreadable: the compound card still passes', 'fresh', 'broken', () => card(), { status: 'green' }, null],
    ['district unreadable: a signer found nowhere cannot be judged', 'fresh', 'broken', districtCode, { status: 'error', reason: 'no-trust-list' }, /district trust list version 2 is unusable/],
    ['compound file unreadable: the district code still passes', 'broken', 'fresh', districtCode, { status: 'green' }, null],
    ['compound file unreadable: its card cannot be judged', 'broken', 'fresh', () => card(), { status: 'error', reason: 'no-trust-list' }, /kid does not match/],
  ] as const)('%s', async (_name, file, district, make, expected, detail) => {
    const result = await verifier(file, district).verify(make(), at);
    expect(result).toMatchObject(expected);
    if (detail) expect((result as { detail: string }).detail).toMatch(detail);
  });

  test('a stale list keeps every reason: stale first, then what else was wrong', async () => {
    const outcome = await verifier('fresh', 'stale').verifyDetailed(code({ issuedAt: new Date(T0.getTime() - 3600_000) }, districtKey), at);
    expect(outcome).toMatchObject({ signature: 'ok', expired: true, reasons: ['stale-trust-list', 'expired'] });
  });
});

describe('revoked cards: the local file and the district list together', () => {
  const districtRevoked = (ids: string[]): Loaded<ExtraRevocations> => ({ ok: true, value: { name: "the district's revoked cards version 3", cardIds: new Set(ids) } });
  test.each([
    ['on neither list', districtRevoked(['X-1']), true, () => card(), { status: 'green' }, null],
    ['revoked by the district', districtRevoked(['C-0001']), true, () => card(), { status: 'invalid', reason: 'revoked' }, /card C-0001 is on the district's revoked cards version 3/],
    ['revoked by the compound file', districtRevoked([]), true, () => card({ cardId: 'C-REVOKED' }), { status: 'invalid', reason: 'revoked' }, /revocation list version 1/],
    ['district card revoked by the district', districtRevoked(['D-0001']), true, districtCard, { status: 'invalid', reason: 'revoked' }, /district's revoked cards/],
    ['no district list yet: the file alone decides', null, true, () => card(), { status: 'green' }, null],
    ['district list unreadable: cards cannot be checked', { ok: false, detail: 'district revoked cards unreadable' }, true, () => card(), { status: 'error', reason: 'no-trust-list' }, /unreadable/],
    ['no local file: cards cannot be checked even with the district list', districtRevoked([]), false, () => card(), { status: 'error', reason: 'no-trust-list' }, null],
    ['codes need no revocation list', districtRevoked(['C-0001']), false, districtCode, { status: 'green' }, null],
  ] as const)('%s', async (_name, revoked, local, make, expected, detail) => {
    const result = await verifier('fresh', 'fresh', revoked as Loaded<ExtraRevocations> | null, local).verify(make(), at);
    expect(result).toMatchObject(expected);
    if (detail) expect((result as { detail: string }).detail).toMatch(detail);
  });
});

describe('sortTrustSources', () => {
  const list = parseTrustList(JSON.stringify(trustListOf([{ key: districtKey, use: ['code'] }], T0, 1, 5)));
  const src = (name: string, loaded: TrustSource['loaded']): TrustSource => ({ name, remedy: 'r', loaded });
  test.each([
    ['before expiry: fresh', 0, { fresh: ['a'], stale: [], broken: [] }],
    ['exactly at expiry: still fresh', 86_400_000, { fresh: ['a'], stale: [], broken: [] }],
    ['a millisecond after: stale', 86_400_001, { fresh: [], stale: ['a'], broken: [] }],
  ] as const)('%s', (_name, offset, expected) => {
    const view = sortTrustSources([src('a', { ok: true, value: list })], new Date(T0.getTime() + offset));
    expect({ fresh: view.fresh.map((l) => l.name), stale: view.stale.map((l) => l.name), broken: view.broken.map((b) => b.name) }).toEqual(expected);
  });
  test('each list is sorted on its own', () => {
    const older = parseTrustList(JSON.stringify(trustListOf([{ key: districtKey, use: ['code'] }], new Date(T0.getTime() - 2 * 86_400_000), 1, 1)));
    const view = sortTrustSources([src('old', { ok: true, value: older }), src('new', { ok: true, value: list }), src('bad', { ok: false, detail: 'x' })], new Date(T0.getTime() + 1000));
    expect([view.fresh.map((l) => l.name), view.stale.map((l) => l.name), view.broken.map((b) => b.name)]).toEqual([['new'], ['old'], ['bad']]);
  });
});
