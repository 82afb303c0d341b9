// Issue 17 over real HTTP with the real registry (embedded PostgreSQL) and a real kiosk core: a published watch list
// is applied at the kiosk, whole, with its age; a quarantined person going out is refused with what to say, a
// household likewise, a listed red person without a phone is refused as red, a follow-up person passes with a notice;
// each entry records the list and its version, reaches the registry, and raises an alert there exactly once.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../../src/registry/sql.ts';
import type { RunningRegistry } from '../../../../src/registry/server.ts';
import { createIdHasher, loadIdKey } from '../../../../src/kiosk/features/roster/id-key.ts';
import { enrolledKiosk, publishWatchList, waitForWatchList, type DistrictKiosk } from '../../../support/district.ts';
import { pgliteBackend } from '../../../support/registry-backends.ts';
import { enrolmentCode, staffGet, staffSession, testRegistry } from '../../../support/registry-harness.ts';
import { waitFor } from '../../../support/sync-fixtures.ts';

const IDS = {
  quarantined: '110105199003071239',
  household: '110101200001011232',
  red: '11010519880101105X',
  followUp: '110101199001011237',
  clear: '110101198505051238',
};

const backend = pgliteBackend();
let db: Database;
let registry: RunningRegistry;
let kiosk: DistrictKiosk | null = null;
beforeAll(async () => {
  db = await backend.open();
}, 120_000);
afterAll(() => backend.close());
beforeEach(async () => {
  await backend.reset(db);
  registry = await testRegistry(db);
  return async () => {
    await kiosk?.close();
    kiosk = null;
    await registry.close();
  };
});

describe('a watch list at the gate', { timeout: 120_000 }, () => {
  it('refuses, passes and notices by the list, records the list and version, and tells the district', async () => {
    kiosk = await enrolledKiosk(registry.url, 'c-maple');
    const people = {
      quarantined: await kiosk.resident('王一', '1-1-101', IDS.quarantined),
      member: await kiosk.resident('王二', '3-2-501', IDS.household),
      red: await kiosk.resident('王三', '2-1-201', IDS.red),
      followUp: await kiosk.resident('王四', '2-1-202', IDS.followUp),
      clear: await kiosk.resident('王五', '2-1-203', '110101198505051238'),
    };
    await enrolmentCode(registry.url, 'c-other');
    await publishWatchList(registry.url, [
      { id: IDS.quarantined, kind: 'quarantine', note: '武汉返回' },
      { household: '3-2-501', compound: 'c-maple', kind: 'quarantine' },
      { household: '3-2-501', compound: 'c-other', kind: 'quarantine' },
      { id: IDS.red, kind: 'red' },
      { id: IDS.followUp, kind: 'follow-up' },
      { id: '110101198505051238', kind: 'quarantine', until: '2020-01-01' },
    ]);
    await waitForWatchList(kiosk, 1);
    const status = await kiosk.call('watch.status');
    expect(status).toMatchObject({ keyed: true, version: 1, rows: 5, byKind: { quarantine: 2, 'household-quarantine': 1, red: 1, 'follow-up': 1 }, residentsWithoutToken: 0 });
    expect(status.ageSeconds).toBeLessThan(60);

    const out = await kiosk.record(people.quarantined, 'out');
    expect(out).toMatchObject({ decision: 'refuse', reasons: ['watch-quarantine'], watch: { version: 1, hits: [{ kind: 'quarantine', ref: 2 }] } });
    const back = await kiosk.record(people.quarantined, 'in');
    expect(back).toMatchObject({ decision: 'pass', reasons: [], watch: { version: 1, hits: [{ kind: 'quarantine' }] } });
    expect(await kiosk.record(people.member, 'out')).toMatchObject({ decision: 'refuse', reasons: ['watch-household-quarantine'], watch: { hits: [{ kind: 'household-quarantine', ref: 3 }] } });
    expect(await kiosk.record(people.red, 'in')).toMatchObject({ decision: 'refuse', reasons: ['code-red'], watch: { hits: [{ kind: 'red', ref: 5 }] } });
    expect(await kiosk.record(people.followUp, 'out')).toMatchObject({ decision: 'pass', reasons: [], watch: { hits: [{ kind: 'follow-up', ref: 6 }] } });
    const clear = await kiosk.record(people.clear, 'out');
    expect(clear).toMatchObject({ decision: 'pass', reasons: [] });
    expect(clear.watch).toBeUndefined();

    // The log keeps what matched; the registry gets the same, and hears of each match at once.
    const today = await kiosk.call('entries.today', { limit: 10 });
    expect(today.entries.filter((e: any) => e.watch).length).toBe(5);
    await waitFor('the entries at the registry', async () => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM entries WHERE payload ? 'watch'`))[0]!.n === 5);
    const staff = await staffSession(registry.url);
    const alerts = await waitFor('five watch-list alerts', async () => {
      const list = (await staffGet(registry.url, '/v1/staff/alerts', staff.headers)).alerts.filter((a: any) => a.kind === 'watch-list');
      return list.length === 5 ? list : null;
    });
    expect(alerts.map((a: any) => a.detail.listKind).sort()).toEqual(['follow-up', 'household-quarantine', 'quarantine', 'quarantine', 'red']);
    const live = await staffGet(registry.url, '/v1/staff/live', staff.headers);
    expect(live.compounds[0]).toMatchObject({ compoundId: 'c-maple', watchHitsToday: 5, refusalsToday: 3 });

    // A new version without the quarantined person: applied whole, and they may go out.
    await publishWatchList(registry.url, [{ id: IDS.followUp, kind: 'follow-up' }]);
    await waitForWatchList(kiosk, 2);
    expect(await kiosk.call('watch.status')).toMatchObject({ version: 2, rows: 1 });
    expect(await kiosk.record(people.quarantined, 'out')).toMatchObject({ decision: 'pass', reasons: [] });
  });

  it('a resident put on the roster before enrolment is matched once their ID is typed at the gate', async () => {
    kiosk = await enrolledKiosk(registry.url, 'c-oak');
    // Written straight to the roster with the compound's own key only, as an import before enrolment leaves it.
    const { createRosterRepository } = await import('../../../../src/kiosk/features/roster/roster-repository.ts');
    const roster = createRosterRepository(kiosk.core.db, createIdHasher(loadIdKey(kiosk.core.db, kiosk.dataDir)));
    const household = roster.saveHousehold({ building: '9', unit: '', room: '901' });
    const early = roster.saveResident({ householdId: household.id, name: '赵六', idNumber: IDS.quarantined });
    await publishWatchList(registry.url, [{ id: IDS.quarantined, kind: 'quarantine' }]);
    await waitForWatchList(kiosk, 1);
    expect(await kiosk.call('watch.status')).toMatchObject({ residentsWithoutToken: 1 });
    expect(await kiosk.record(early.id, 'out')).toMatchObject({ decision: 'pass' });
    // The volunteer finds them by ID number: the core holds the number for that moment and notes its token.
    const found = await kiosk.call('roster.residents.find', { idNumber: IDS.quarantined });
    expect(found.matches.map((m: any) => m.resident.id)).toEqual([early.id]);
    expect(await kiosk.call('watch.status')).toMatchObject({ residentsWithoutToken: 0 });
    expect(await kiosk.record(early.id, 'out')).toMatchObject({ decision: 'refuse', reasons: ['watch-quarantine'] });
  });
});
