// Issue 12, items 12 and 13, over real HTTP: text typed at the gate cannot turn into a formula in the manager's
// spreadsheet, and a search of the log by name (an oracle even when rows come back masked) is audited like a reveal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../src/common/csv.ts';
import { MANAGER, startSecurityHost, VOLUNTEER, type SecurityHost } from '../../../support/security-host.ts';

let h: SecurityHost;
let manager: string;
let residentId: string;
const day = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

beforeAll(async () => {
  h = await startSecurityHost();
  manager = await h.signIn('loopback', MANAGER);
  const household = await h.call('loopback', 'roster.households.save', { building: '3', unit: '2', room: '501' }, { token: manager });
  residentId = (await h.call('loopback', 'roster.residents.save', { householdId: household.id, name: '王小明' }, { token: manager })).id;
  await h.call('loopback', 'shifts.signOn', { name: VOLUNTEER.username, pin: VOLUNTEER.pin });
}, 60_000);
afterAll(() => h?.close());

const record = (facts: Record<string, unknown>) =>
  h.call('loopback', 'entries.record', { direction: 'in', identity: {}, code: { kind: 'manual', colour: 'red', why: '手机没电' }, temperature: { bodyC: 36.5, source: 'manual' }, maskWorn: true, ...facts });

describe('the CSV export', () => {
  it('keeps formulas hidden behind a TAB or CR, typed at the gate, from running in a spreadsheet', async () => {
    // Up to 40 characters fit the masked-ID field a screen may send for an unknown person.
    const payloads = ['\t=HYPERLINK("http://evil.example")', "\r+cmd|'/C calc'!A0", "\t\t@SUM(1+1)*cmd|'/C calc'!A0", '\r-2+3'];
    for (const maskedId of payloads) await record({ identity: { maskedId } });
    const exported = await h.call('loopback', 'export.log', { filter: { from: day() }, format: 'csv' }, { token: manager });
    const [header, ...rows] = parseCsv(Buffer.from(exported.base64, 'base64').toString('utf8').replace(/^\uFEFF/, ''));
    const column = header!.findIndex((title) => title.startsWith('证件'));
    const cells = rows.map((row) => row[column]!).filter(Boolean);
    expect(cells).toHaveLength(payloads.length);
    for (const cell of cells) {
      // A spreadsheet reads a cell that starts with a quote-apostrophe as text: nothing after it runs.
      expect(cell.startsWith("'"), JSON.stringify(cell)).toBe(true);
      expect(payloads).toContain(cell.slice(1));
    }
  });
});

describe('searching the log by name', () => {
  it('is audited with who searched for what and how many matched, once per search however many pages', async () => {
    await record({ person: { kind: 'resident', residentId } });
    const hit = await h.call('loopback', 'log.query', { filter: { from: day(), search: '王小明' } }, { token: manager });
    expect(hit.total).toBe(1);
    expect(hit.rows[0].name).toBe('王*明');
    // Scrolling asks for the next page: the same search, not a new one.
    await h.call('loopback', 'log.query', { filter: { from: day(), search: '王小明' }, offset: 500 }, { token: manager });
    const miss = await h.call('loopback', 'log.query', { filter: { from: day(), search: '王大明' } }, { token: manager });
    expect(miss.total).toBe(0);
    // The statistics answer the same question with counts.
    const counted = await h.call('loopback', 'stats.summary', { filter: { from: day(), search: '王小' } }, { token: manager });
    expect(counted.total).toBe(1);
    // Without a search there is nothing to audit.
    await h.call('loopback', 'log.query', { filter: { from: day() } }, { token: manager });

    const audit = (await h.call('loopback', 'audit.list', { action: 'log-search' }, { token: manager })).records as Array<{ actor: string; subject: string; detail: Record<string, unknown> }>;
    expect(audit.map((r) => [r.actor, r.subject, r.detail.where, r.detail.matches])).toEqual([
      [MANAGER.username, '王小', 'stats', 1],
      [MANAGER.username, '王大明', 'log', 0],
      [MANAGER.username, '王小明', 'log', 1],
    ]);
  });

  it('in an export is audited with the search in the record', async () => {
    await h.call('loopback', 'export.log', { filter: { from: day(), search: '王小明' }, format: 'csv' }, { token: manager });
    const audit = (await h.call('loopback', 'audit.list', { action: 'export' }, { token: manager })).records as Array<{ detail: { filter: string } }>;
    expect(audit[0]!.detail.filter).toContain('search=王小明');
  });
});
