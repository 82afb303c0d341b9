// Issue 17's alerts, through the fault proxy of the sync tests and on both engines: each alert reaches the registry
// exactly once while the batch path is down, whatever the network does to the alert path (a lost answer, a request
// arriving twice at once); each is also in the kiosk's audit log. The triggers (device down, silent shift, clock,
// chain restart) raise one alert per episode.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listAudit, auditTrail } from '../../../../src/kiosk/platform/audit/audit-log.ts';
import { createAlertsFeature } from '../../../../src/kiosk/features/alerts/index.ts';
import { enrolKiosk } from '../../../../src/kiosk/features/sync/enrol.ts';
import type { Database } from '../../../../src/registry/sql.ts';
import type { RunningRegistry } from '../../../../src/registry/server.ts';
import { startFaultProxy, type FaultProxy } from '../../../support/fault-proxy.ts';
import { enrolledKiosk, publishWatchList, waitForWatchList, type DistrictKiosk } from '../../../support/district.ts';
import { backends } from '../../../support/registry-backends.ts';
import { enrolmentCode, testRegistry } from '../../../support/registry-harness.ts';
import { kioskDb, waitFor } from '../../../support/sync-fixtures.ts';

const QUARANTINED = '110105199003071239';

describe.each(backends())('alerts up at once, through a bad network, on $name', (backend) => {
  let db: Database;
  let registry: RunningRegistry;
  let proxy: FaultProxy;
  beforeAll(async () => {
    db = await backend.open();
  });
  afterAll(() => backend.close());
  beforeEach(async () => {
    await backend.reset(db);
    registry = await testRegistry(db);
    proxy = await startFaultProxy(registry.url);
    return async () => {
      await proxy.close();
      await registry.close();
    };
  });

  const registryAlerts = () => db.query<{ id: string; kind: string; kiosk_id: string }>(`SELECT alert_id::text AS id, kind, kiosk_id FROM alerts WHERE source = 'kiosk' ORDER BY at`);

  it('fever refusal, override and watch-list match arrive once each while every batch upload fails', { timeout: 120_000 }, async () => {
    let kiosk: DistrictKiosk | null = null;
    try {
      kiosk = await enrolledKiosk(proxy.url, 'c-maple');
      const person = await kiosk.resident('王一', '1-1-101', QUARANTINED);
      const other = await kiosk.resident('王二', '1-1-102', '110101200001011232');
      await publishWatchList(registry.url, [{ id: QUARANTINED, kind: 'quarantine' }]);
      await waitForWatchList(kiosk, 1);
      let alertRequests = 0;
      proxy.plan = (_n, _method, path) => {
        if (path === '/v1/entries') return 'error-500';
        if (path !== '/v1/alerts') return 'pass';
        alertRequests += 1;
        return alertRequests === 1 ? 'lose-reply' : alertRequests === 2 ? 'duplicate' : alertRequests === 3 ? 'drop' : 'pass';
      };
      await kiosk.record(other, 'in', { temperature: { bodyC: 38.6, source: 'device' } });
      const override = await kiosk.call('gate.override.authorize', { manager: { username: 'zhang', secret: 'manager-secret-1' }, reason: '救护车' });
      await kiosk.record(other, 'in', { temperature: { bodyC: 38.6, source: 'device' }, overrideId: override.overrideId });
      await kiosk.record(person, 'out');

      const held = await waitFor('every alert confirmed by the registry', async () => {
        const state = await kiosk!.call('alerts.list', { limit: 50 }, kiosk!.manager);
        return state.waiting === 0 && state.alerts.length === 4 ? state.alerts : null;
      });
      expect(held.map((a: any) => a.kind).sort()).toEqual(['fever', 'fever', 'override', 'watch-list']);
      const stored = await registryAlerts();
      expect(stored.map((a) => a.id).sort()).toEqual(held.map((a: any) => a.id).sort());
      expect(new Set(stored.map((a) => a.id)).size).toBe(stored.length);
      // The registry stored a batch whose answer was lost, and got another sent twice at once: still once each.
      expect(proxy.faults['lose-reply']).toBe(1);
      expect(proxy.faults.duplicate).toBe(1);
      // The batch path never got through: alerts do not wait for it.
      expect(proxy.faults['error-500']).toBeGreaterThan(0);
      expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM entries'))[0]!.n).toBe(0);
      // And each is in the kiosk's ordinary log of events.
      expect(listAudit(kiosk.core.db, { action: 'alert', limit: 20 }).map((r) => r.subject).sort()).toEqual(['fever', 'fever', 'override', 'watch-list']);
    } finally {
      await kiosk?.close();
    }
  });

  it('device down, silent shift, clock and chain restart: one alert per episode, each kept once at the registry', { timeout: 60_000 }, async () => {
    const kiosk = kioskDb();
    let now = Date.parse('2026-11-30T02:00:00Z');
    const shift = { id: 's1', volunteer: '李志愿', startedAt: new Date(now).toISOString(), endedAt: null };
    const feature = () =>
      createAlertsFeature({
        db: kiosk.db,
        audit: auditTrail(kiosk.db, () => new Date(now)),
        now: () => new Date(now),
        config: { deviceDownMinutes: 10, silentMinutes: 30 },
        registry: { url: proxy.url },
        currentShift: () => shift,
        log: () => {},
        checkEveryMs: 3_600_000,
      });
    let alerts = feature();
    try {
      await enrolKiosk({ db: kiosk.db, registryUrl: registry.url, code: await enrolmentCode(registry.url, 'c-oak'), kioskName: 'Gate 1', allowInsecureHttp: true, now: () => Date.now() });
      // The registry already holds entries up to 10; this kiosk's database says 3: it was restored from an old copy.
      kiosk.db.prepare('UPDATE sync_progress SET acked_seq = 10').run();
      kiosk.db.prepare('UPDATE sync_chain SET last_seq = 3').run();
      proxy.plan = (n, _m, path) => (path === '/v1/alerts' && n % 2 === 1 ? 'lose-reply' : 'pass');
      alerts.start();
      const thermometer = { kind: 'thermometer' as const, name: 'AA55 on /dev/ttyUSB0', simulated: false };
      alerts.deviceStatus({ ...thermometer, state: 'disconnected' });
      now += 9 * 60_000;
      alerts.check();
      now += 2 * 60_000;
      alerts.check();
      alerts.check();
      alerts.deviceStatus({ ...thermometer, state: 'ready' });
      alerts.deviceStatus({ ...thermometer, state: 'error', detail: 'no frames for 30 s' });
      now += 11 * 60_000;
      alerts.check(); // the second outage
      now += 11 * 60_000;
      alerts.check(); // and the shift has now been silent for 33 minutes
      alerts.check();
      alerts.clockSkew(10);
      alerts.clockSkew(200);
      alerts.clockSkew(230);
      alerts.clockSkew(-5);
      alerts.clockSkew(-400);
      await alerts.stop();
      // A restart of the kiosk sees the same old chain: the restart is not raised again.
      alerts = feature();
      alerts.start();
      const expected = ['chain-restart', 'clock-skew', 'clock-skew', 'device-down', 'device-down', 'kiosk-silent'];
      const stored = await waitFor('the alerts at the registry', async () => {
        const rows = await registryAlerts();
        return rows.length === expected.length ? rows : null;
      });
      await waitFor('the kiosk to hear they are held', () => (kiosk.db.prepare('SELECT count(*) AS n FROM alert_outbox WHERE delivered_at IS NULL').get() as { n: number }).n === 0);
      expect(stored.map((a) => a.kind).sort()).toEqual(expected);
      expect((kiosk.db.prepare('SELECT count(*) AS n FROM alert_outbox').get() as { n: number }).n).toBe(expected.length);
    } finally {
      await alerts.stop();
      kiosk.cleanup();
    }
  });
});
