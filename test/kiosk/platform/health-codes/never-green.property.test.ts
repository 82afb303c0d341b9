// Property: random text and byte-level mutations of valid codes never come out green and never throw.
import fc from 'fast-check';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { base45Decode, base45Encode } from '../../../../src/kiosk/platform/health-codes/base45.ts';
import { inflate } from '../../../../src/kiosk/platform/health-codes/qr-text.ts';
import { createHealthCodeVerifier, type HealthCodeVerifier } from '../../../../src/kiosk/platform/health-codes/verifier.ts';
import { loadDccVectors, parseValidationClock } from './support/dcc-vectors.ts';
import { dccMaterialDir, type DccMaterialDir } from './support/dcc-material.ts';
import { code, T0, trustDir, type TrustDir } from './support/fixtures.ts';

const dcc = loadDccVectors().find((v) => v.name === 'common/2DCode/raw/CO3.json')!;
const dccAt = parseValidationClock(dcc.data.TESTCTX!.VALIDATIONCLOCK!);
const at = new Date(T0.getTime() + 5_000);
let dir: TrustDir;
let dccDir: DccMaterialDir;
let gkVerifier: HealthCodeVerifier;
let dccVerifier: HealthCodeVerifier;

beforeAll(() => {
  dir = trustDir();
  gkVerifier = createHealthCodeVerifier({ formats: ['offline-signed', 'resident-card', 'dcc'], trustListPath: dir.trustListPath, revocationListPath: dir.revocationListPath });
  // DCC material is fresh only around the vector's 2021 clock: a verifier of its own, with every gate passing.
  dccDir = dccMaterialDir(dccAt, [dcc.data.TESTCTX!.CERTIFICATE!]);
  dccVerifier = createHealthCodeVerifier({ formats: ['dcc'], trustListPath: dccDir.trustListPath, dcc: { rulesPath: dccDir.rulesPath, revocationDir: dccDir.revocationDir } });
});
afterAll(() => {
  dir.cleanup();
  dccDir.cleanup();
});

const verifier = {
  verify: (text: string, when: Date) => (text.startsWith('HC1:') ? dccVerifier : gkVerifier).verify(text, when),
  verifyDetailed: (text: string, when: Date) => (text.startsWith('HC1:') ? dccVerifier : gkVerifier).verifyDetailed(text, when),
};

/** Mutates the compressed COSE bytes (the signed data itself), re-wraps them, and returns the QR text. */
function mutateInner(text: string, prefix: string, index: number, xor: number): string {
  const compressed = base45Decode(text.slice(prefix.length))!;
  const cose = Buffer.from((inflate(compressed) as { value: Uint8Array }).value);
  cose[index % cose.length]! ^= xor;
  return prefix + base45Encode(deflateSync(cose));
}

function sameCose(a: string, b: string): boolean {
  const inner = (t: string) => {
    const bytes = base45Decode(t.slice(4));
    const inflated = bytes ? inflate(bytes) : undefined;
    return inflated?.ok ? Buffer.from(inflated.value).toString('hex') : undefined;
  };
  const x = inner(a);
  return x !== undefined && x === inner(b);
}

async function neverGreen(text: string, when: Date): Promise<void> {
  const outcome = await verifier.verifyDetailed(text, when);
  expect(outcome.result.status, `${text.slice(0, 60)}… gave ${JSON.stringify(outcome.result)}`).not.toBe('green');
}

describe('never green by mistake', () => {
  test('both baselines are green, so the properties below can fail', async () => {
    expect((await verifier.verify(code(), at)).status).toBe('green');
    expect((await verifier.verify(dcc.data.PREFIX!, dccAt)).status).toBe('green');
  });

  test('random strings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string().map((s) => `GK1:${s}`), fc.string().map((s) => `HC1:${s}`)), (s) => neverGreen(s, s.startsWith('HC1:') ? dccAt : at)),
      { numRuns: 500 },
    );
  });

  test.each([
    ['GK1 offline code', 'GK1:', () => code(), () => at],
    ['DCC', 'HC1:', () => dcc.data.PREFIX!, () => dccAt],
  ] as const)('byte mutations inside a valid %s', async (_name, prefix, make, when) => {
    const valid = make();
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.integer({ min: 1, max: 255 }), (index, xor) => neverGreen(mutateInner(valid, prefix, index, xor), when())),
      { numRuns: 400 },
    );
  });

  test('character mutations of the QR text', async () => {
    const valid = code();
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 4, max: valid.length - 1 }), fc.constantFrom(...alphabet), async (index, ch) => {
        const mutated = valid.slice(0, index) + ch + valid.slice(index + 1);
        // Deflate ignores the padding bits of its last byte: a change there carries the very same signed bytes.
        fc.pre(valid[index] !== ch && !sameCose(valid, mutated));
        await neverGreen(mutated, at);
      }),
      { numRuns: 400 },
    );
  });

  test('truncations', async () => {
    const valid = code();
    await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: valid.length - 1 }), (n) => neverGreen(valid.slice(0, n), at)), { numRuns: 300 });
  });
});
