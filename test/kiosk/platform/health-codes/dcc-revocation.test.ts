// The revocation hashes as the EU list defines them, computed here from first principles, and the sorted lookup the
// kiosk keeps a list in: every listed hash is found, nothing else is, at any size.
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ALG_ES256, ALG_PS256 } from '../../../../src/kiosk/platform/health-codes/cose.ts';
import { revocationHashes, revocationHit, SortedHashes } from '../../../../src/kiosk/platform/health-codes/dcc-revocation.ts';
import { hashesByType } from '../../../../src/kiosk/platform/health-codes/dcc-revocation-store.ts';
import { chunkBytes } from './support/dcc-material.ts';

const sha128 = (data: Buffer | string) => createHash('sha256').update(data).digest().subarray(0, 16).toString('hex');

describe('revocation hashes', () => {
  const signature = randomBytes(64);
  const uci = 'URN:UVCI:01:AT:10807843F94AEE0EE5093FBC254BD813#B';
  it('UCI, country+UCI and the signature (r of an ECDSA signature), each the first 128 bits of SHA-256', () => {
    expect(revocationHashes({ uci, issuerCountry: 'AT', alg: ALG_ES256, signature })).toEqual({
      UCI: sha128(uci),
      COUNTRYCODEUCI: sha128(`AT${uci}`),
      SIGNATURE: sha128(signature.subarray(0, 32)),
    });
  });
  it('the whole signature for RSA-PSS', () => {
    const rsa = randomBytes(256);
    expect(revocationHashes({ uci, issuerCountry: 'CH', alg: ALG_PS256, signature: rsa }).SIGNATURE).toBe(sha128(rsa));
  });
  it('a hit names the type and the list version; a miss is null', () => {
    const keys = revocationHashes({ uci, issuerCountry: 'AT', alg: ALG_ES256, signature });
    const list = { version: 7, checkedAt: new Date(), hashes: { UCI: new Set<string>(), COUNTRYCODEUCI: new Set([keys.COUNTRYCODEUCI]), SIGNATURE: new Set<string>() } };
    expect(revocationHit(list, keys)).toMatch(/COUNTRYCODEUCI hash .* version 7/);
    expect(revocationHit({ ...list, hashes: { ...list.hashes, COUNTRYCODEUCI: new Set() } }, keys)).toBeNull();
  });
});

describe('the sorted lookup', () => {
  it.each([0, 1, 2, 17, 5000])('finds every one of %i hashes and nothing else', (n) => {
    const hashes = Array.from({ length: n }, () => randomBytes(16).toString('hex'));
    const set = new SortedHashes(Buffer.from(hashes.join(''), 'hex'));
    expect(set.size).toBe(n);
    for (const h of hashes) expect(set.has(h)).toBe(true);
    for (let i = 0; i < 200; i++) expect(set.has(randomBytes(16).toString('hex'))).toBe(false);
    expect(set.has('')).toBe(false);
    expect(set.has('zz')).toBe(false);
  });

  it('keeps duplicates and hashes sharing their first four bytes apart correctly', () => {
    const a = `00000001${'aa'.repeat(12)}`;
    const b = `00000001${'ab'.repeat(12)}`;
    const set = new SortedHashes(Buffer.from([b, a, a].join(''), 'hex'));
    expect([set.has(a), set.has(b), set.has(`00000001${'ac'.repeat(12)}`)]).toEqual([true, true, false]);
  });

  it('splits chunks of records by type', () => {
    const h = (n: number) => sha128(`h${n}`);
    const sets = hashesByType([chunkBytes([{ type: 'UCI', hash: h(1) }, { type: 'SIGNATURE', hash: h(2) }]), chunkBytes([{ type: 'UCI', hash: h(3) }])]);
    expect([sets.UCI.size, sets.COUNTRYCODEUCI.size, sets.SIGNATURE.size]).toEqual([2, 0, 1]);
    expect(sets.UCI.has(h(3)) && sets.SIGNATURE.has(h(2)) && !sets.UCI.has(h(2))).toBe(true);
    expect(() => hashesByType([Buffer.from([9, ...Buffer.alloc(16)])])).toThrow(/unknown hash type 9/);
  });
});
