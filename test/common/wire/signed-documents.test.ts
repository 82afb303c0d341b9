// What a kiosk accepts from the registry, as a table: only a document signed with the pinned district key, of the
// kind and compound asked for, whose content matches its signed hash; an "unchanged" answer only for the held version.
import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkSignedDownlink, contentSha256, headerMessage, type DocumentHeader } from '../../../src/common/wire/signed-documents.ts';
import { nodeDigest } from '../../../src/kiosk/platform/node-digest.ts';
import { nodeSignatures } from '../../../src/kiosk/platform/node-signatures.ts';

const district = generateKeyPairSync('ed25519');
const attacker = generateKeyPairSync('ed25519');
const pinned = district.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const tools = { digest: nodeDigest, signatures: nodeSignatures };

function signed(header: Partial<DocumentHeader>, content: unknown, key = district.privateKey) {
  const full: DocumentHeader = {
    kind: 'policy', version: 3, compoundId: null, district: 'Xuhui', publishedAt: null, servedAt: '2026-11-28T08:00:00.000Z',
    contentSha256: content === undefined ? null : contentSha256(nodeDigest, content), ...header,
  };
  return { header: full, signature: sign(null, Buffer.from(headerMessage(full)), key).toString('base64'), ...(content === undefined ? {} : { content }) };
}

const policy = { feverLineC: 37.3 };
const expect3: { kind: 'policy' | 'watch-list'; compoundId: string; districtKey: string; have: number } = { kind: 'policy', compoundId: 'c-1', districtKey: pinned, have: 2 };

describe('checkSignedDownlink', () => {
  it.each<[string, unknown, Partial<typeof expect3>, boolean | RegExp]>([
    ['a genuine new version', signed({}, policy), {}, true],
    ['content changed after signing', { ...signed({}, policy), content: { feverLineC: 39 } }, {}, /does not match its signed hash/],
    ['signed by another key', signed({}, policy, attacker.privateKey), {}, /not signed by this kiosk's district key/],
    ['header changed after signing (version bumped)', (() => { const d = signed({}, policy); return { ...d, header: { ...d.header, version: 9 } }; })(), {}, /not signed/],
    ['no signature', (() => { const { signature: _s, ...rest } = signed({}, policy); return rest; })(), {}, /malformed/],
    ['another kind than asked', signed({ kind: 'trust-list' }, policy), {}, /asked for policy, got trust-list/],
    ['a watch list for another compound', signed({ kind: 'watch-list', compoundId: 'c-2' }, { tokens: [] }), { kind: 'watch-list' }, /another compound/],
    ['a watch list for this compound', signed({ kind: 'watch-list', compoundId: 'c-1' }, { tokens: [] }), { kind: 'watch-list' }, true],
    ['a district document addressed to a compound', signed({ compoundId: 'c-1' }, policy), {}, /another compound/],
    ['"unchanged" for the held version', signed({ version: 2 }, undefined), {}, true],
    ['"unchanged" for a version the kiosk does not hold', signed({ version: 3 }, undefined), {}, /does not hold/],
    ['a header claiming content that is missing', (() => { const { content: _c, ...rest } = signed({}, policy); return rest; })(), {}, /does not match/],
    ['not an object at all', 'hello', {}, /malformed/],
    ['a garbage key pinned', signed({}, policy), { districtKey: 'AAAA' }, /not signed/],
  ])('%s', (_name, answer, change, outcome) => {
    const result = checkSignedDownlink(answer, { ...expect3, ...change }, tools);
    if (outcome === true) expect(result.ok).toBe(true);
    else expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(outcome as RegExp) });
  });
});
