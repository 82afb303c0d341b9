// The DCC revocation list downloaded over real HTTP from the DCC source simulator: chunked, checked chunk by chunk,
// resumed after a cut connection without fetching again what was kept, confirmed with an age, never downgraded; and the
// updater keeping the pinned rules current, so a certificate revoked at the source is refused at the gate.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { decodeDccCose } from '../../../../src/kiosk/platform/health-codes/dcc.ts';
import { startDccGatewaySimulator, type DccGatewaySimulator, type RevokedHash } from '../../../../src/kiosk/platform/health-codes/dcc-gateway-simulator.ts';
import { downloadRevocationList } from '../../../../src/kiosk/platform/health-codes/dcc-revocation-download.ts';
import { readState, revocationStore, RECORD_BYTES } from '../../../../src/kiosk/platform/health-codes/dcc-revocation-store.ts';
import { updateDccMaterial } from '../../../../src/kiosk/platform/health-codes/dcc-updater.ts';
import { qrTextToCose } from '../../../../src/kiosk/platform/health-codes/qr-text.ts';
import { createHealthCodeVerifier } from '../../../../src/kiosk/platform/health-codes/verifier.ts';
import { dccMaterialDir, ruleSet } from './support/dcc-material.ts';
import { loadDccVectors, parseValidationClock } from './support/dcc-vectors.ts';

const TYPES = ['UCI', 'COUNTRYCODEUCI', 'SIGNATURE'] as const;
const hash = (n: number) => createHash('sha256').update(`entry ${n}`).digest().subarray(0, 16).toString('hex');
const entries = (count: number, offset = 0): RevokedHash[] => Array.from({ length: count }, (_, i) => ({ type: TYPES[(i + offset) % 3]!, hash: hash(i + offset) }));

let sim: DccGatewaySimulator;
let dir: string;
let clock = new Date('2022-05-10T08:00:00Z');
const now = () => clock;

beforeAll(async () => {
  sim = await startDccGatewaySimulator({ chunkRecords: 1000, now });
});
afterAll(() => sim.close());
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const fresh = () => (dir = mkdtempSync(path.join(tmpdir(), 'gate-dcc-rev-')));
const download = () => downloadRevocationList({ url: `${sim.url}/revocation`, dir, now });
const chunkRequests = () => sim.requests.filter((r) => r.path.startsWith('/revocation/chunks/'));

describe('chunked download', () => {
  test('a list of 2500 hashes arrives in three checked chunks and loads with its types', async () => {
    fresh();
    const version = sim.publishRevoked(entries(2500));
    const report = await download();
    expect(report).toMatchObject({ outcome: 'updated', version, bytesFetched: 2500 * RECORD_BYTES, resumed: [] });
    const loaded = await revocationStore(dir)();
    if (!loaded.ok) throw new Error(loaded.detail);
    expect([...TYPES].map((t) => loaded.value.hashes[t].size)).toEqual([834, 833, 833]);
    expect(loaded.value.hashes.UCI.has(hash(0))).toBe(true);
    expect(loaded.value.hashes.SIGNATURE.has(hash(2))).toBe(true);
    expect(loaded.value.hashes.UCI.has(hash(2))).toBe(false);
    expect(loaded.value.checkedAt).toEqual(clock);
  });

  test('a connection cut in the middle of a chunk resumes from the byte it stopped at; kept chunks are not fetched again', async () => {
    fresh();
    sim.publishRevoked(entries(2500));
    await download();
    const v = sim.publishRevoked(entries(2500, 7));
    sim.cutNext(1, 6000);
    sim.requests.length = 0;
    await expect(download()).rejects.toThrow();
    // The kept version is still whole and usable while the new one is half in.
    expect(readState(dir)?.version).toBe(v - 1);
    expect((await revocationStore(dir)()).ok).toBe(true);
    const partial = readdirSync(dir).find((f) => f === `v${v}-1.bin.part`);
    expect(partial).toBeDefined();
    const kept = readFileSync(path.join(dir, partial!)).length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(1000 * RECORD_BYTES);

    sim.requests.length = 0;
    const report = await download();
    expect(report.outcome).toBe('updated');
    expect(report.resumed).toEqual([{ index: 1, from: kept }]);
    expect(chunkRequests()).toEqual([
      { path: `/revocation/chunks/1?version=${v}`, range: `bytes=${kept}-` },
      { path: `/revocation/chunks/2?version=${v}`, range: null },
    ]);
    expect(report.bytesFetched).toBe(1000 * RECORD_BYTES - kept + 500 * RECORD_BYTES);
    // The old version's files are gone once the new one is complete.
    expect(readdirSync(dir).filter((f) => f.startsWith(`v${v - 1}-`))).toEqual([]);
    const loaded = await revocationStore(dir)();
    expect(loaded.ok && loaded.value.version).toBe(v);
    expect(loaded.ok && loaded.value.hashes.UCI.has(hash(2499 + 7 - ((2499 + 7) % 3)))).toBe(true);
  });

  test('a chunk that does not match its SHA-256 is thrown away and fetched whole next time', async () => {
    fresh();
    const v = sim.publishRevoked(entries(1200));
    writeFileSync(path.join(dir, `v${v}-0.bin.part`), Buffer.alloc(1000 * RECORD_BYTES, 9));
    await expect(download()).rejects.toThrow(/does not match its SHA-256/);
    expect(readdirSync(dir)).not.toContain(`v${v}-0.bin.part`);
    expect((await download()).outcome).toBe('updated');
  });

  test('the same version again is a confirmation: no chunk is fetched, the age starts again', async () => {
    fresh();
    sim.publishRevoked(entries(10));
    await download();
    clock = new Date(clock.getTime() + 20 * 3_600_000);
    sim.requests.length = 0;
    expect((await download()).outcome).toBe('confirmed');
    expect(chunkRequests()).toEqual([]);
    const loaded = await revocationStore(dir)();
    expect(loaded.ok && loaded.value.checkedAt).toEqual(clock);
  });

  test('an older version offered by the source is refused, the kept list stays', async () => {
    fresh();
    sim.publishRevoked(entries(10));
    sim.publishRevoked(entries(11));
    await download();
    const kept = readState(dir)!.version;
    const older = await startDccGatewaySimulator({ revoked: entries(3), now });
    try {
      await expect(downloadRevocationList({ url: `${older.url}/revocation`, dir, now })).rejects.toThrow(/older than the kept version/);
      expect(readState(dir)!.version).toBe(kept);
    } finally {
      await older.close();
    }
  });

  test('a source that cannot be reached leaves the kept list as it was', async () => {
    fresh();
    sim.publishRevoked(entries(10));
    await download();
    const before = readFileSync(path.join(dir, 'state.json'), 'utf8');
    await expect(downloadRevocationList({ url: 'http://127.0.0.1:1/revocation', dir, now })).rejects.toThrow();
    expect(readFileSync(path.join(dir, 'state.json'), 'utf8')).toBe(before);
  });
});

describe('the updater and the gate', () => {
  const CO3 = loadDccVectors().find((v) => v.name === 'common/2DCode/raw/CO3.json')!;
  const at = parseValidationClock(CO3.data.TESTCTX!.VALIDATIONCLOCK!);

  test('rules and a revocation downloaded from the source are what the verifier applies', async () => {
    fresh();
    const m = dccMaterialDir(at, [CO3.data.TESTCTX!.CERTIFICATE!]);
    try {
      clock = at;
      const rulesPath = path.join(dir, 'rules.json');
      const revocationDir = path.join(dir, 'rev');
      const verifier = createHealthCodeVerifier({ formats: ['dcc'], trustListPath: m.trustListPath, dcc: { rulesPath, revocationDir } });
      sim.publishRules(ruleSet(at, [], { version: 4 }));
      sim.publishRevoked([]);
      expect(await updateDccMaterial({ sourceUrl: sim.url, rulesPath, revocationDir, now })).toMatchObject({ rules: { ok: true, value: { outcome: 'updated', version: 4 } }, revocation: { ok: true } });
      expect(await verifier.verify(CO3.data.PREFIX!, at)).toMatchObject({ status: 'green' });

      const doc = decodeDccCose((qrTextToCose(CO3.data.PREFIX!, 'HC1:') as { value: Uint8Array }).value);
      const uci = (CO3.data.JSON as { v: Array<{ ci: string }> }).v[0]!.ci;
      expect(doc.ok).toBe(true);
      sim.publishRevoked([...entries(1500), { type: 'UCI', hash: createHash('sha256').update(uci).digest().subarray(0, 16).toString('hex') }]);
      const report = await updateDccMaterial({ sourceUrl: sim.url, rulesPath, revocationDir, now });
      expect(report).toMatchObject({ rules: { ok: true, value: { outcome: 'confirmed', version: 4 } }, revocation: { ok: true, value: { outcome: 'updated' } } });
      expect(await verifier.verify(CO3.data.PREFIX!, at)).toMatchObject({ status: 'invalid', reason: 'revoked' });
    } finally {
      m.cleanup();
    }
  });

  test('an older rule set from the source is refused and the kept one stays', async () => {
    fresh();
    const rulesPath = path.join(dir, 'rules.json');
    writeFileSync(rulesPath, JSON.stringify(ruleSet(at, [], { version: 9 })));
    sim.publishRules(ruleSet(at, [], { version: 3 }));
    const report = await updateDccMaterial({ sourceUrl: sim.url, rulesPath, revocationDir: path.join(dir, 'rev'), now });
    expect(report.rules).toMatchObject({ ok: false, error: expect.stringMatching(/older than the kept version 9/) });
    expect(JSON.parse(readFileSync(rulesPath, 'utf8')).version).toBe(9);
  });
});
