// The registry against both engines: stores once, flags chain problems, refuses and logs bad authentication,
// partitions by day, rejects bad input whole, and serves stats, downlink documents and the staff page.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/registry/sql.ts';
import type { RunningRegistry } from '../../src/registry/server.ts';
import { chainEntry } from '../../src/common/wire/chain.ts';
import { nodeDigest } from '../../src/kiosk/platform/node-digest.ts';
import { RegistryError, createRegistryClient } from '../../src/kiosk/features/sync/registry-client.ts';
import { signedHeaders } from '../../src/common/wire/signing.ts';
import { backends } from '../support/registry-backends.ts';
import { admin, enrolTestKiosk, enrolmentCode, staffGet, staffSession, testRegistry } from '../support/registry-harness.ts';

const count = async (db: Database, sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(sql, params))[0]!.n;

describe.each(backends())('registry on $name', (backend) => {
  let db: Database;
  let registry: RunningRegistry;
  beforeAll(async () => {
    db = await backend.open();
  });
  afterAll(async () => {
    await backend.close();
  });
  beforeEach(async () => {
    await backend.reset(db);
    registry = await testRegistry(db);
    return () => registry.close();
  });

  it('stores each entry once and answers resends as duplicates', async () => {
    const kiosk = await enrolTestKiosk(registry.url);
    const entries = kiosk.chain(5);
    const first = await kiosk.send(entries);
    expect(first.stored).toEqual(entries.map((e) => e.id));
    expect(first.problems).toEqual([]);
    const again = await kiosk.send(entries);
    expect(again).toMatchObject({ stored: [], duplicates: entries.map((e) => e.id), conflicts: [], problems: [] });
    expect(await count(db, 'SELECT count(*)::int AS n FROM entries')).toBe(5);
  });

  it('creates one partition per gate day', async () => {
    await registry.close();
    const clock = () => Date.parse('2026-03-02T10:00:00Z');
    registry = await testRegistry(db, { now: clock, timeZone: 'UTC' });
    const kiosk = await enrolTestKiosk(registry.url, undefined, clock);
    const day0 = Date.parse('2026-03-01T10:00:00Z');
    await kiosk.send(kiosk.chain(6, () => ({}), (i) => day0 + Math.floor(i / 2) * 86_400_000));
    const parts = await db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'entries' ORDER BY 1`,
    );
    expect(parts.map((p) => p.name)).toEqual(['entries_20260301', 'entries_20260302', 'entries_20260303', 'entries_out_of_window']);
    expect(await count(db, `SELECT count(*)::int AS n FROM entries WHERE day = '2026-03-02'`)).toBe(2);
  });

  it('flags a missing entry as a gap and resolves it when the entry arrives late', async () => {
    const kiosk = await enrolTestKiosk(registry.url);
    const entries = kiosk.chain(6);
    const answer = await kiosk.send([...entries.slice(0, 2), ...entries.slice(3)]);
    expect(answer.problems).toEqual([expect.objectContaining({ kind: 'gap', fromSeq: 3, toSeq: 3 })]);
    const staff = await staffSession(registry.url);
    const open = await staffGet(registry.url, '/v1/problems', staff.headers);
    expect(open.problems).toEqual([expect.objectContaining({ kind: 'gap', fromSeq: 3, toSeq: 3, kioskId: kiosk.credentials.kioskId })]);
    const late = await kiosk.send([entries[2]!]);
    expect(late.stored).toEqual([entries[2]!.id]);
    expect(late.problems).toEqual([]);
    expect((await staffGet(registry.url, '/v1/problems', staff.headers)).problems).toEqual([]);
  });

  it('flags an entry altered after it was chained, and a re-hashed alteration by its broken link', async () => {
    const kiosk = await enrolTestKiosk(registry.url);
    const entries = kiosk.chain(4);
    const altered = { ...entries[1]!, decision: 'pass' as const, temperatureC: 36.5, reasons: [] as string[], volunteer: 'someone else' };
    const rehashed = chainEntry(nodeDigest, { ...entries[2]!, volunteer: 'someone else' }, 3, entries[1]!.hash);
    const answer = await kiosk.send([entries[0]!, altered, rehashed, entries[3]!]);
    expect(answer.problems.map((p: any) => [p.kind, p.fromSeq, p.toSeq])).toEqual([
      ['bad-hash', 2, 2],
      ['broken-link', 3, 4],
    ]);
    expect(await count(db, `SELECT count(*)::int AS n FROM chain_problems WHERE resolved_at IS NULL`)).toBe(2);
  });

  it('flags the same id sent with different content as a conflict and keeps the first', async () => {
    const kiosk = await enrolTestKiosk(registry.url);
    const [entry] = kiosk.chain(1);
    await kiosk.send([entry!]);
    const forged = chainEntry(nodeDigest, { ...entry!, volunteer: 'forger' }, 1, entry!.prevHash);
    const answer = await kiosk.send([forged]);
    expect(answer).toMatchObject({ stored: [], duplicates: [], conflicts: [entry!.id] });
    expect(answer.problems[0].kind).toBe('conflict');
    expect((await db.query<{ v: string }>(`SELECT payload->>'volunteer' AS v FROM entries`))[0]!.v).toBe('Li Wei');
  });

  it('rejects a batch with one bad entry with 400 and the zod message, storing nothing', async () => {
    const kiosk = await enrolTestKiosk(registry.url);
    const entries = kiosk.chain(3);
    const bad = [entries[0], { ...entries[1]!, temperatureC: 'hot' }, entries[2]];
    await expect(kiosk.client.request('POST', '/v1/entries', { entries: bad }, kiosk.credentials)).rejects.toMatchObject({
      kind: 'refused',
      status: 400,
      message: expect.stringContaining('temperatureC'),
    });
    await expect(kiosk.client.request('POST', '/v1/entries', { entries: [] }, kiosk.credentials)).rejects.toMatchObject({ status: 400 });
    expect(await count(db, 'SELECT count(*)::int AS n FROM entries')).toBe(0);
  });

  it('refuses and logs unsigned, badly signed, stale and unknown-kiosk requests', async () => {
    const kiosk = await enrolTestKiosk(registry.url);
    const body = JSON.stringify({ entries: kiosk.chain(1) });
    const post = (headers: Record<string, string>) =>
      fetch(`${registry.url}/v1/entries`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const { kioskId, secret } = kiosk.credentials;
    const cases: Array<[string, Record<string, string>]> = [
      ['missing signature headers', {}],
      ['bad signature', signedHeaders(nodeDigest, kioskId, 'wrong-secret', 'POST', '/v1/entries', body, Date.now())],
      ['stale or malformed timestamp', signedHeaders(nodeDigest, kioskId, secret, 'POST', '/v1/entries', body, Date.now() - 10 * 60_000)],
      ['unknown kiosk', signedHeaders(nodeDigest, 'k-nobody', secret, 'POST', '/v1/entries', body, Date.now())],
      ['bad signature', signedHeaders(nodeDigest, kioskId, secret, 'POST', '/v1/entries', `${body} `, Date.now())],
    ];
    for (const [, headers] of cases) expect((await post(headers)).status).toBe(401);
    const log = await admin(registry.url, 'GET', '/v1/admin/auth-failures', undefined);
    expect(log.body.failures.map((f: any) => f.reason).reverse()).toEqual(cases.map(([reason]) => reason));
    expect(await count(db, 'SELECT count(*)::int AS n FROM entries')).toBe(0);
    expect((await admin(registry.url, 'GET', '/v1/admin/auth-failures', undefined, 'wrong')).status).toBe(401);
  });

  it('accepts an enrolment code once only', async () => {
    const client = createRegistryClient({ url: registry.url });
    const code = await enrolmentCode(registry.url, 'c-maple');
    const first = (await client.request('POST', '/v1/enrol', { code: code.toLowerCase().replaceAll('-', ' '), kioskName: 'Gate 1' }, null)) as any;
    expect(first).toMatchObject({ compoundId: 'c-maple', district: 'Xuhui' });
    const second = client.request('POST', '/v1/enrol', { code, kioskName: 'Gate 2' }, null);
    await expect(second).rejects.toBeInstanceOf(RegistryError);
    await expect(second).rejects.toMatchObject({ status: 401 });
    expect(await count(db, `SELECT count(*)::int AS n FROM auth_failures WHERE path = '/v1/enrol'`)).toBe(1);
  });

  it('computes daily statistics per compound and district and lists compounds that have not reported', async () => {
    await registry.close();
    const clock = () => Date.parse('2026-04-11T04:00:00Z');
    registry = await testRegistry(db, { now: clock, timeZone: 'Asia/Shanghai' });
    const a = await enrolTestKiosk(registry.url, 'c-a', clock);
    const b = await enrolTestKiosk(registry.url, 'c-b', clock);
    await enrolTestKiosk(registry.url, 'c-silent', clock);
    const noon = Date.parse('2026-04-10T04:00:00Z');
    await a.send(
      a.chain(5, (i) => (i < 2 ? { decision: 'refuse', reasons: i === 0 ? ['fever', 'mask-missing'] : ['code-red'], fever: i === 0 } : {}), () => noon),
    );
    await b.send(b.chain(1, () => ({}), () => noon + 86_400_000));
    const report = { day: '2026-04-10', entries: 3, refusals: 1, refusalsByReason: { 'code-red': 1 }, fevers: 0 };
    await b.client.request('POST', '/v1/reports/daily', report, b.credentials);
    const staff = await staffSession(registry.url);
    const stats = await staffGet(registry.url, '/v1/stats/daily?date=2026-04-10', staff.headers);
    const byId = Object.fromEntries(stats.compounds.map((c: any) => [c.compoundId, c]));
    expect(byId['c-a']).toMatchObject({ entries: 5, refusals: 2, fevers: 1, refusalsByReason: { fever: 1, 'mask-missing': 1, 'code-red': 1 }, reported: null });
    expect(byId['c-b']).toMatchObject({ entries: 0, reported: { entries: 3, refusals: 1, kiosks: 1 } });
    expect(stats.notReported.map((c: any) => c.compoundId)).toEqual(['c-silent']);
    expect(stats.districts).toEqual([expect.objectContaining({ district: 'Xuhui', entries: 5, refusals: 2, fevers: 1, compounds: 3, notReported: 1 })]);
    const page = await staffGet(registry.url, '/stats?date=2026-04-10', { cookie: staff.cookie });
    expect(page).toContain('Compound c-silent');
    expect(page).toMatch(/Not reported[\s\S]*c-silent[\s\S]*Districts/);
    expect((await fetch(`${registry.url}/v1/stats/daily?date=2026-02-30`, { headers: staff.headers })).status).toBe(400);
  });

  it('serves versioned downlink documents to signed kiosks only', async () => {
    const kiosk = await enrolTestKiosk(registry.url);
    const get = (kind: string) => kiosk.client.request('GET', `/v1/downlink/${kind}`, undefined, kiosk.credentials) as Promise<any>;
    expect(await get('revoked-cards')).toMatchObject({ header: { kind: 'revoked-cards', version: 0 }, content: { cardIds: [] } });
    await admin(registry.url, 'PUT', '/v1/admin/downlink/revoked-cards', { cardIds: ['R-1'] });
    await admin(registry.url, 'PUT', '/v1/admin/downlink/revoked-cards', { cardIds: ['R-1', 'R-2'] });
    expect(await get('revoked-cards')).toMatchObject({ header: { version: 2 }, content: { cardIds: ['R-1', 'R-2'] } });
    expect((await admin(registry.url, 'PUT', '/v1/admin/downlink/revoked-cards', { cards: 'all' })).status).toBe(400);
    await expect(createRegistryClient({ url: registry.url }).request('GET', '/v1/downlink/policy', undefined, null)).rejects.toMatchObject({ status: 401 });
  });
});
