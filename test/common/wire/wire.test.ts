// The kiosk <-> registry wire rules: canonical JSON, the hash chain, request signatures, and the digests under them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/common/wire/canonical-json.ts';
import { chainEntry, hashMatches } from '../../../src/common/wire/chain.ts';
import { sameDigest } from '../../../src/common/wire/digest.ts';
import { EntryBatch, GENESIS_HASH, IsoDay } from '../../../src/common/wire/schemas.ts';
import { checkTimestamp, sign, verifySignature } from '../../../src/common/wire/signing.ts';
import { nodeDigest as kioskDigest } from '../../../src/kiosk/platform/node-digest.ts';
import { nodeDigest as registryDigest } from '../../../src/registry/node-digest.ts';
import { entryFields } from '../../support/sync-fixtures.ts';

const nodeDigest = kioskDigest;

describe('digests', () => {
  // RFC 4231 test case 2 and the SHA-256 of "abc" (FIPS 180-2): both programs compute the same known answers.
  it.each([
    ['kiosk', kioskDigest],
    ['registry', registryDigest],
  ])('the %s computes the standard test vectors', (_who, digest) => {
    expect(digest.hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    expect(digest.sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(digest.sha256Hex(new TextEncoder().encode('abc'))).toBe(digest.sha256Hex('abc'));
  });
  it.each([
    ['ab', 'ab', true],
    ['ab', 'ac', false],
    ['ab', 'abc', false],
    ['', '', true],
  ])('sameDigest(%j, %j) is %s', (a, b, same) => expect(sameDigest(a, b)).toBe(same));
});

describe('canonical JSON', () => {
  it.each([
    [{ b: 1, a: [3, { d: null, c: 'x' }] }, '{"a":[3,{"c":"x","d":null}],"b":1}'],
    [{ z: undefined, y: 36.6 }, '{"y":36.6}'],
    ['中文', '"中文"'],
    [{ a: undefined, b: [undefined, 1] }, '{"b":[null,1]}'],
    [{ '10': 1, '9': 2, a: { '0': [], b: 0 } }, '{"10":1,"9":2,"a":{"0":[],"b":0}}'],
    [{ n: Number.NaN, z: -0, d: new Date(0) }, '{"d":{},"n":null,"z":0}'],
    [JSON.parse('{"__proto__":{"b":1},"a":2}'), '{"__proto__":{"b":1},"a":2}'],
    [{ '\u00e9': 1, e: 2, 'a"b': { y: [], x: {} } }, '{"a\\"b":{"x":{},"y":[]},"e":2,"\u00e9":1}'],
  ])('%j serialises as %s', (value, text) => expect(canonicalJson(value)).toBe(text));

  // The hash chain depends on these bytes never changing: the fast version must agree with the plain definition.
  const byDefinition = (value: unknown): string => {
    if (value === null || typeof value !== 'object') return JSON.stringify(value)!;
    if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : byDefinition(v))).join(',')}]`;
    const r = value as Record<string, unknown>;
    const keys = Object.keys(r).filter((k) => r[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${byDefinition(r[k])}`).join(',')}}`;
  };
  it('gives the same text as sorting keys at every depth, for any JSON value', () => {
    const withHoles = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 2 }), fc.array(tie('member'), { maxLength: 4 }), fc.dictionary(fc.oneof(fc.string({ maxLength: 6 }), fc.nat(20).map(String), fc.constantFrom('__proto__', 'constructor', 'toJSON')), tie('member'), { maxKeys: 5 })),
      member: fc.oneof(fc.constant(undefined), tie('value')),
    })).value;
    fc.assert(fc.property(withHoles, (value) => canonicalJson(value) === byDefinition(value)), { numRuns: 2000 });
  });
  it('refuses what JSON cannot represent', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
    expect(() => canonicalJson([Symbol('s')])).toThrow(TypeError);
    expect(() => canonicalJson({ big: 1n })).toThrow(TypeError);
  });
});

describe('calendar days on the wire', () => {
  it.each([
    ['2026-03-01', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['2026-3-01', false],
    ['2026-03-01T00:00', false],
  ])('%s is a day: %s (asked twice: the memo answers the same)', (day, ok) => {
    expect(IsoDay.safeParse(day).success).toBe(ok);
    expect(IsoDay.safeParse(day).success).toBe(ok);
  });
  it.each([
    ['2026-03-01', '2026-03-01T08:00:00+08:00', true],
    ['2026-03-01', '2026-02-28T23:30:00Z', true],
    ['2026-03-01', '2026-03-03T01:00:00Z', false],
    ['2026-02-30', '2026-03-02T08:00:00Z', false],
  ])('an entry of day %s recorded at %s passes: %s', (day, at, ok) => {
    const e = chainEntry(nodeDigest, entryFields({ day, at }), 1, GENESIS_HASH);
    expect(EntryBatch.safeParse({ entries: [e] }).success).toBe(ok);
  });
});

describe('entry chain', () => {
  it('links each entry to the previous hash and detects any changed field', () => {
    const a = chainEntry(nodeDigest, entryFields(), 1, GENESIS_HASH);
    const b = chainEntry(nodeDigest, entryFields(), 2, a.hash);
    expect(b.prevHash).toBe(a.hash);
    expect(hashMatches(nodeDigest, a) && hashMatches(nodeDigest, b)).toBe(true);
    for (const change of [{ temperatureC: 38.1 }, { decision: 'refuse' }, { seq: 3 }, { prevHash: GENESIS_HASH.replace(/0$/, '1') }, { reasons: ['fever'] }]) {
      expect(hashMatches(nodeDigest, { ...b, ...change } as typeof b)).toBe(false);
    }
    expect(EntryBatch.safeParse({ entries: [a, b] }).success).toBe(true);
    expect(EntryBatch.safeParse({ entries: [a, a] }).success).toBe(false);
    expect(EntryBatch.safeParse({ entries: [{ ...a, day: '2020-01-01' }] }).success).toBe(false);
  });
});

describe('request signatures', () => {
  const ts = String(Date.now());
  const sig = sign(nodeDigest, 's3cret', 'POST', '/v1/entries', ts, '{"a":1}');
  it.each([
    ['the same request', 's3cret', 'POST', '/v1/entries', '{"a":1}', sig, true],
    ['another secret', 'other', 'POST', '/v1/entries', '{"a":1}', sig, false],
    ['another path', 's3cret', 'POST', '/v1/reports/daily', '{"a":1}', sig, false],
    ['another body', 's3cret', 'POST', '/v1/entries', '{"a":2}', sig, false],
    ['garbage signature', 's3cret', 'POST', '/v1/entries', '{"a":1}', 'zz', false],
  ])('%s verifies: %s', (_name, secret, method, path, body, signature, ok) => {
    expect(verifySignature(nodeDigest, secret, method, path, ts, body, signature)).toBe(ok);
  });
  it('refuses timestamps more than five minutes away', () => {
    expect(checkTimestamp(String(Date.now() - 4 * 60_000), Date.now())).toBe(true);
    expect(checkTimestamp(String(Date.now() + 6 * 60_000), Date.now())).toBe(false);
    expect(checkTimestamp('yesterday', Date.now())).toBe(false);
  });
});
