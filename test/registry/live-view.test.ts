// The staff's live view, compound page, charts, alerts and daily report as JSON and files, on both engines, from
// entries and alerts sent by enrolled kiosks over HTTP: silent compounds are the ones quiet in an hour they are
// usually busy; figures come from the summaries kept at ingest; the day's report is made at the set hour and kept.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/registry/sql.ts';
import type { RunningRegistry } from '../../src/registry/server.ts';
import { backends } from '../support/registry-backends.ts';
import { enrolTestKiosk, staffGet, staffSession, testRegistry, type TestKiosk } from '../support/registry-harness.ts';
import { waitFor } from '../support/sync-fixtures.ts';
import { tempDir } from '../support/temp-dir.ts';

const DAY = 86_400_000;
const NOW = Date.parse('2026-06-15T06:30:00Z'); // 14:30 in Shanghai

describe.each(backends())('the live view on $name', (backend) => {
  let db: Database;
  let registry: RunningRegistry;
  let clock = NOW;
  const now = () => clock;
  beforeAll(async () => {
    db = await backend.open();
  });
  afterAll(() => backend.close());
  beforeEach(async () => {
    await backend.reset(db);
    clock = NOW;
    registry = await testRegistry(db, { now, timeZone: 'Asia/Shanghai', reportHour: 20 });
    return () => registry.close();
  });

  /** Entries at 14:10 local on each of the past `days` days (the hour it is usually busy). */
  async function history(kiosk: TestKiosk, days: number, hourUtc = 6): Promise<void> {
    for (let d = 1; d <= days; d++) {
      const base = Date.parse(`2026-06-${String(15 - d).padStart(2, '0')}T0${hourUtc}:10:00Z`);
      await kiosk.send(kiosk.chain(4, () => ({}), (i) => base + i * 60_000));
    }
  }

  it('shows every compound with its figures, silent ones first, from what the kiosks sent', async () => {
    const busy = await enrolTestKiosk(registry.url, 'c-busy', now);
    const evening = await enrolTestKiosk(registry.url, 'c-evening', now);
    await enrolTestKiosk(registry.url, 'c-new', now);
    const active = await enrolTestKiosk(registry.url, 'c-active', now);
    await history(busy, 7);
    await history(evening, 7, 2); // busy at 10:10 local, never at 14:00
    await busy.send(busy.chain(2, (i) => (i === 0 ? { decision: 'refuse', reasons: ['fever'], fever: true } : {}), (i) => NOW - 45 * 60_000 + i * 60_000));
    await active.send(active.chain(3, () => ({}), (i) => NOW - 5 * 60_000 + i * 1000));
    await active.send(active.chain(1, () => ({}), () => NOW - 90 * 60_000));
    await busy.client.request('POST', '/v1/alerts', { alerts: [{ id: randomUUID(), kind: 'fever', at: new Date(NOW - 44 * 60_000).toISOString(), summary: 'fever 38.6 °C refused (in)', detail: { bodyC: 38.6 } }] }, busy.credentials);

    const staff = await staffSession(registry.url, 'viewer');
    const live = await staffGet(registry.url, '/v1/staff/live', staff.headers);
    expect(live.today).toBe('2026-06-15');
    const byId = Object.fromEntries(live.compounds.map((c: any) => [c.compoundId, c]));
    expect(byId['c-busy']).toMatchObject({ silent: true, entriesToday: 2, refusalsToday: 1, feversToday: 1, openAlerts: 1, lastHour: 2, lastEntryAt: '2026-06-15T05:46:00.000Z' });
    expect(byId['c-evening']).toMatchObject({ silent: false, entriesToday: 0, lastHour: 0 });
    expect(byId['c-new']).toMatchObject({ silent: true, entriesToday: 0, lastEntryAt: null });
    expect(byId['c-active']).toMatchObject({ silent: false, entriesToday: 4, lastHour: 3 });
    expect(live.compounds.slice(0, 2).map((c: any) => c.compoundId)).toEqual(['c-busy', 'c-new']);
    expect(live.totals).toMatchObject({ compounds: 4, entries: 6, refusals: 1, fevers: 1, openAlerts: 1, silent: 2, lastHour: 5 });
    expect(live.districts).toEqual([expect.objectContaining({ district: 'Xuhui', compounds: 4, silent: 2 })]);
    expect((await staffGet(registry.url, '/v1/staff/live?only=silent', staff.headers)).compounds.map((c: any) => c.compoundId)).toEqual(['c-busy', 'c-new']);
    expect((await staffGet(registry.url, '/v1/staff/live?q=act&limit=1', staff.headers)).page).toEqual({ offset: 0, limit: 1, matching: 1 });

    const charts = await staffGet(registry.url, '/v1/staff/charts?date=2026-06-14', staff.headers);
    expect(charts.hours[14]).toMatchObject({ hour: 14, entries: 4 });
    expect(charts.hours[10]).toMatchObject({ hour: 10, entries: 4 });
    const page = await staffGet(registry.url, '/v1/staff/compounds/c-busy', staff.headers);
    expect(page).toMatchObject({ compoundId: 'c-busy', figures: { entries: 2, refusals: 1, fevers: 1 }, reasons: [{ reason: 'fever', n: 1 }] });
    expect(page.hours[13]).toMatchObject({ entries: 2, refusals: 1 });
    expect(page.recent).toHaveLength(2);
    expect(page.recent[0]).toMatchObject({ maskedId: '3101**********1234', decision: 'pass' });
    expect(page.kiosks[0]).toMatchObject({ lastSeq: 30 });
    expect(page.alerts).toEqual([expect.objectContaining({ kind: 'fever', acknowledgedBy: null })]);
    const html = await staffGet(registry.url, '/', { cookie: staff.cookie });
    expect(html).toMatch(/<tr class="silent" data-compound="c-busy" data-silent="yes">/);
  });

  it('an officer acknowledges an alert, by name and time; a viewer may not; twice is refused', async () => {
    const kiosk = await enrolTestKiosk(registry.url, 'c-ack', now);
    const id = randomUUID();
    await kiosk.client.request('POST', '/v1/alerts', { alerts: [{ id, kind: 'watch-list', at: new Date(NOW).toISOString(), summary: 'watch list v1: quarantine (row 2) refused going out', detail: { version: 1, ref: 2 } }] }, kiosk.credentials);
    const viewer = await staffSession(registry.url, 'viewer');
    const officer = await staffSession(registry.url, 'officer', 'officer-wu');
    const ack = (headers: Record<string, string>) => fetch(`${registry.url}/v1/staff/alerts/${id}/acknowledge`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ note: '已电话联系社区' }) });
    expect((await ack(viewer.headers)).status).toBe(403);
    clock += 3 * 60_000;
    expect((await ack(officer.headers)).status).toBe(200);
    expect((await ack(officer.headers)).status).toBe(404);
    const [alert] = (await staffGet(registry.url, '/v1/staff/alerts', viewer.headers)).alerts;
    expect(alert).toMatchObject({ id, acknowledgedBy: 'officer-wu', acknowledgedAt: new Date(NOW + 3 * 60_000).toISOString(), note: '已电话联系社区' });
    expect((await staffGet(registry.url, '/v1/staff/alerts?open', viewer.headers)).alerts).toEqual([]);
  });

  it('the daily report: figures so far before the set hour, made once at it and kept; CSV and XLSX open in real clients', async () => {
    const kiosk = await enrolTestKiosk(registry.url, 'c-report', now);
    await db.query(`UPDATE compounds SET name = '=HYPERLINK("http://evil")' WHERE compound_id = 'c-report'`);
    await kiosk.send(kiosk.chain(3, (i) => (i === 0 ? { decision: 'refuse', reasons: ['mask-missing'] } : {}), (i) => NOW - 3600_000 + i * 1000));
    const staff = await staffSession(registry.url);
    expect(await staffGet(registry.url, '/v1/staff/reports/daily?date=2026-06-15', staff.headers)).toMatchObject({ preliminary: true, compounds: [{ entries: 3 }] });

    const port = registry.port;
    await registry.close();
    clock = Date.parse('2026-06-15T12:05:00Z'); // 20:05 local
    registry = await testRegistry(db, { now, timeZone: 'Asia/Shanghai', reportHour: 20, port });
    await waitFor('the report to be made', async () => (await db.query('SELECT day FROM district_reports')).length === 1);
    // Entries arriving after the report do not change it.
    await kiosk.send(kiosk.chain(2, () => ({}), () => clock - 60_000));
    const signedIn = await staffSession(registry.url);
    const report = await staffGet(registry.url, '/v1/staff/reports/daily?date=2026-06-15', signedIn.headers);
    expect(report).toMatchObject({ preliminary: false, generatedAt: '2026-06-15T12:05:00.000Z', compounds: [{ compoundId: 'c-report', entries: 3, refusals: 1 }] });
    expect(report.districts[0]).toMatchObject({ district: 'Xuhui', entries: 3 });

    const csv = await staffGet(registry.url, '/v1/staff/reports/daily?date=2026-06-15&format=csv', signedIn.headers);
    expect(csv).toContain(`'=HYPERLINK(""http://evil"")`);
    expect(csv.split('\r\n')[0]).toMatch(/^\uFEFF?level,district,compound id,compound,entries,refusals,fevers/);
    const temp = tempDir('gate-report-');
    try {
      const xlsx = Buffer.from(await (await fetch(`${registry.url}/v1/staff/reports/daily?date=2026-06-15&format=xlsx`, { headers: signedIn.headers })).arrayBuffer());
      writeFileSync(join(temp.dir, 'report.xlsx'), xlsx);
      execFileSync('soffice', ['--headless', '--convert-to', 'csv', '--outdir', temp.dir, join(temp.dir, 'report.xlsx')], { stdio: 'ignore', timeout: 120_000, env: { ...process.env, HOME: temp.dir } });
      const opened = readFileSync(join(temp.dir, 'report.csv'), 'utf8');
      expect(opened).toMatch(/district,Xuhui,,,3,1,0/);
      expect(opened).toMatch(/compound,Xuhui,c-report,.*HYPERLINK.*,3,1,0/);
      expect(opened).not.toMatch(/^compound,Xuhui,c-report,http/m);
    } finally {
      temp.remove();
    }
    const print = await staffGet(registry.url, '/reports?date=2026-06-15', { cookie: signedIn.cookie });
    expect(print).toContain('@page{size:A4');
    expect(print).toContain('c-report');
  });
});
