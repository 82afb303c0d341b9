// The hash design's privacy property (docs/watch-lists.md), from outside: after a district list of random ID numbers
// is applied at two compounds' kiosks, no file in either kiosk's data folder holds any listed number (in any
// encoding), the two compounds' tokens for the same person differ, and nothing the kiosk sent up carried its roster
// key or a plain ID number. The district never needs a compound's roster key.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIdKey } from '../../../../src/kiosk/features/roster/id-key.ts';
import { nodeDigest } from '../../../../src/kiosk/platform/node-digest.ts';
import { compoundWatchKey, idToken } from '../../../../src/common/wire/watch-list.ts';
import type { Database } from '../../../../src/registry/sql.ts';
import type { RunningRegistry } from '../../../../src/registry/server.ts';
import { startFaultProxy, type FaultProxy } from '../../../support/fault-proxy.ts';
import { enrolledKiosk, publishWatchList, waitForWatchList, type DistrictKiosk } from '../../../support/district.ts';
import { pgliteBackend } from '../../../support/registry-backends.ts';
import { testRegistry } from '../../../support/registry-harness.ts';
import { waitFor } from '../../../support/sync-fixtures.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
/** A valid 18-digit resident ID: region, birth date, sequence, check character. */
const idNumber = fc
  .tuple(fc.integer({ min: 110000, max: 659999 }), fc.date({ min: new Date('1930-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }), fc.integer({ min: 0, max: 999 }))
  .map(([region, birth, seq]) => {
    const body = `${region}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
    return body + CHECK[WEIGHTS.reduce((t, w, i) => t + w * Number(body[i]), 0) % 11];
  });

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe('the watch-list hash design keeps ID numbers out of the kiosk', { timeout: 120_000 }, () => {
  const backend = pgliteBackend();
  let db: Database;
  let registry: RunningRegistry;
  let proxy: FaultProxy;
  const kiosks: DistrictKiosk[] = [];
  const ids = [...new Set(fc.sample(idNumber, { numRuns: 60, seed: 17 }))];
  beforeAll(async () => {
    db = await backend.open();
    registry = await testRegistry(db);
    proxy = await startFaultProxy(registry.url);
  }, 120_000);
  afterAll(async () => {
    for (const k of kiosks) await k.close();
    await proxy.close();
    await registry.close();
    await backend.close();
  });

  it('no listed number in any file of two kiosks; tokens differ by compound; no roster key or number goes up', async () => {
    // Kiosk A talks to the registry only through the proxy, enrolment included: the proxy sees all it sends.
    const a = await enrolledKiosk(proxy.url, 'c-a', { enrolUrl: proxy.url });
    const b = await enrolledKiosk(registry.url, 'c-b');
    kiosks.push(a, b);
    // Some listed people live at A (their numbers pass through A's core when the roster is entered).
    const residents = ids.slice(0, 10);
    for (const [i, id] of residents.entries()) await a.resident(`居民${i}`, `1-1-${101 + i}`, id);
    const kinds = ['quarantine', 'red', 'yellow', 'follow-up'];
    await publishWatchList(registry.url, ids.map((id, i) => ({ id, kind: kinds[i % kinds.length]! })));
    await Promise.all([waitForWatchList(a, 1), waitForWatchList(b, 1)]);
    const listedAtA = await a.record((await a.call('roster.residents.list', { limit: 50 }, a.manager)).residents[0].id, 'out');
    expect(listedAtA.watch).toBeTruthy();
    await waitFor('A’s entry uploaded through the proxy', () => proxy.captured.some((c) => c.path === '/v1/entries'));

    for (const kiosk of [a, b]) {
      // The database is encrypted at rest, so its bytes on disk say little: read every cell of every table, decrypted,
      // as someone holding the kiosk and its key would; and every byte of every file besides.
      const cells: string[] = [];
      const tables = kiosk.core.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as Array<{ name: string }>;
      for (const { name } of tables) cells.push(JSON.stringify(kiosk.core.db.prepare(`SELECT * FROM "${name}"`).all()));
      const everything = cells.join('\n');
      expect(everything.length).toBeGreaterThan(10_000);
      for (const id of ids) expect(everything.includes(id) || everything.includes(id.slice(0, 17)), `${id} in a table of ${kiosk.dataDir}`).toBe(false);
      const bytes = filesUnder(kiosk.dataDir).map((file) => readFileSync(file));
      expect(bytes.reduce((n, b) => n + b.length, 0)).toBeGreaterThan(10_000);
      for (const id of ids) {
        for (const form of [Buffer.from(id, 'latin1'), Buffer.from(id, 'utf16le'), Buffer.from(id.slice(0, 17), 'latin1')]) {
          expect(bytes.some((b) => b.includes(form)), `${id} in ${kiosk.dataDir}`).toBe(false);
        }
      }
      expect(filesUnder(kiosk.dataDir).every((f) => statSync(f).size >= 0)).toBe(true);
    }

    // The same person's token at A and at B have nothing in common; each is the keyed hash under its compound's key.
    const tokensOf = (k: DistrictKiosk) => new Set((k.core.db.prepare('SELECT token FROM watch_tokens').all() as Array<{ token: string }>).map((r) => r.token));
    const atA = tokensOf(a);
    const atB = tokensOf(b);
    expect(atA.size).toBe(ids.length);
    expect([...atA].filter((t) => atB.has(t))).toEqual([]);
    const secret = (await db.query<{ value: string }>(`SELECT value FROM registry_secrets WHERE name = 'watch-secret'`))[0]!.value;
    const keyA = compoundWatchKey(nodeDigest, secret, 'c-a');
    expect(atA.has(idToken(nodeDigest, keyA, ids[0]!))).toBe(true);
    expect(atB.has(idToken(nodeDigest, keyA, ids[0]!))).toBe(false);

    // What A sent up: never its roster key, never a plain number (entries carry the masked form).
    const rosterKey = loadIdKey(a.core.db, a.dataDir).key!.toString('hex');
    const sent = Buffer.concat(proxy.captured.map((c) => c.request));
    expect(proxy.captured.map((c) => c.path)).toContain('/v1/entries');
    expect(sent.includes(Buffer.from(rosterKey))).toBe(false);
    for (const id of ids) expect(sent.includes(Buffer.from(id)), id).toBe(false);
  });

  it('as a property of the tokens: never the number, different at every compound, the same for one compound', () => {
    fc.assert(
      fc.property(idNumber, fc.string({ minLength: 1, maxLength: 20 }), fc.string({ minLength: 1, maxLength: 20 }), (id, c1, c2) => {
        fc.pre(c1 !== c2);
        const secret = 'ab'.repeat(32);
        const t1 = idToken(nodeDigest, compoundWatchKey(nodeDigest, secret, c1), id);
        const t2 = idToken(nodeDigest, compoundWatchKey(nodeDigest, secret, c2), id);
        return t1 !== t2 && !t1.includes(id.slice(6, 14)) && t1 === idToken(nodeDigest, compoundWatchKey(nodeDigest, secret, c1), id);
      }),
      { numRuns: 500 },
    );
  });
});
