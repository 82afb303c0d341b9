// From outside, over HTTP, on the real kiosk process (`gate-kiosk serve`): while a manager's export of 45,000 rows is
// being written, the gate keeps recording people and answering its status, and the export tells the screen how far
// it is on the event stream. With the export on the gate's thread (as before issue 14.2) no gate call could be
// answered until the export was done.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedEntries } from '../../support/seed-entries.ts';
import { startKiosk, type RunningKiosk } from '../../support/kiosk.ts';
import { tempDir } from '../../support/temp-dir.ts';

const ROWS_PER_DAY = 15_000;
const DAYS = ['2026-03-01', '2026-03-02', '2026-03-03'];
let kiosk: RunningKiosk;
let temp: ReturnType<typeof tempDir>;
let manager: string;
let visitorId: string;

async function post<T>(method: string, input: unknown, token?: string): Promise<T> {
  const response = await fetch(`${kiosk.url}api/invoke/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(input) });
  const body = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${response.status} ${body.error?.message}`);
  return body.value as T;
}

/** The server-sent events of one kind, as the screen receives them. */
async function listen(event: string, token: string, seen: unknown[]): Promise<AbortController> {
  const stop = new AbortController();
  const response = await fetch(`${kiosk.url}api/events`, { headers: { authorization: `Bearer ${token}` }, signal: stop.signal });
  void (async () => {
    const decoder = new TextDecoder();
    let text = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        text += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = text.indexOf('\n\n')) >= 0) {
          const block = text.slice(0, end);
          text = text.slice(end + 2);
          const name = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (name === event && data) seen.push(JSON.parse(data));
        }
      }
    } catch {
      // aborted
    }
  })();
  return stop;
}

beforeAll(async () => {
  temp = tempDir('gate-console-work-');
  seedEntries(temp.dir, { days: DAYS, perDay: ROWS_PER_DAY });
  kiosk = await startKiosk({ dataDir: temp.dir });
  await post('setup.complete', { compoundName: '幸福里', compoundCode: 'XFL-01', manager: { username: 'boss', displayName: '主任', password: 'admin-pass-1' }, registryUrl: '' });
  const admin = (await post<{ token: string }>('accounts.signIn', { username: 'boss', password: 'admin-pass-1' })).token;
  await post('accounts.create', { username: 'wang', displayName: '王经理', role: 'manager', password: 'manager-pass' }, admin);
  manager = (await post<{ token: string }>('accounts.signIn', { username: 'wang', password: 'manager-pass' })).token;
  await post('roster.households.save', { building: '3', unit: '2', room: '501' }, manager);
  visitorId = (await post<{ id: string }>('roster.visitors.register', { name: '赵六', phone: '13800000000', household: '3-2-501', purpose: '探望老人' })).id;
}, 240_000);
afterAll(async () => {
  await kiosk?.stop();
  temp?.remove();
});

describe('console work beside the gate', () => {
  it('records people and answers the gate status while a 45,000-row export is written, and reports its progress', async () => {
    const progress: Array<{ id: string; done: number; total: number | null; finished: boolean }> = [];
    const stopListening = await listen('console.progress', manager, progress);
    let exported = false;
    const gateAnswersBeforeExport: string[] = [];
    const exportCall = post<{ base64: string; rows: number }>('export.log', { filter: { from: DAYS[0], to: DAYS[2] }, format: 'xlsx', progressId: 'outside-1' }, manager).then((file) => {
      exported = true;
      return file;
    });
    // The gate's own calls, one person after another, for as long as the export runs.
    const recorded: string[] = [];
    while (!exported) {
      const entry = await post<{ id: string; decision: string }>('entries.record', { direction: 'in', identity: { name: '赵六' }, person: { kind: 'visitor', visitorId }, code: { kind: 'manual', colour: 'green', why: '老人无智能手机' }, temperature: { bodyC: 36.4, source: 'manual' }, maskWorn: true });
      expect(entry.decision).toBe('pass');
      recorded.push(entry.id);
      const status = await post<{ figures: { lastTenMinutes: number } }>('gate.status', {});
      expect(status.figures).toBeDefined();
      if (!exported) gateAnswersBeforeExport.push(entry.id);
    }
    const file = await exportCall;
    stopListening.abort();
    expect(file.rows).toBe(ROWS_PER_DAY * DAYS.length);
    // Many people were recorded while the export was being written (none could be, were it on the gate's thread).
    expect(gateAnswersBeforeExport.length).toBeGreaterThanOrEqual(5);
    // Each of them is in the log, on disk.
    const today = await post<{ entries: Array<{ id: string }> }>('entries.today', { limit: 1000 });
    for (const id of recorded) expect(today.entries.map((e) => e.id)).toContain(id);
    // The screen that asked saw the export move, ending with every row.
    const mine = progress.filter((p) => p.id === 'outside-1');
    expect(mine.length).toBeGreaterThanOrEqual(3);
    expect(mine.some((p) => !p.finished && p.done > 0 && p.done < file.rows)).toBe(true);
    expect(mine.at(-1)).toMatchObject({ done: file.rows, total: file.rows, finished: true });
    // And the file is a ZIP (the workbook's content is read back in the export and LibreOffice tests).
    expect(Buffer.from(file.base64, 'base64').subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'latin1'));
  }, 240_000);

  it('answers a search over the whole log while the gate records', async () => {
    const search = post<{ total: number }>('log.query', { filter: { from: DAYS[0], to: DAYS[2], search: '王' }, limit: 500 }, manager);
    const entry = await post<{ id: string }>('entries.record', { direction: 'out', identity: { name: '赵六' }, person: { kind: 'visitor', visitorId }, code: { kind: 'manual', colour: 'green', why: '老人无智能手机' }, temperature: { bodyC: 36.5, source: 'manual' }, maskWorn: true });
    expect(entry.id).toBeTruthy();
    expect((await search).total).toBeGreaterThan(100);
  }, 60_000);
});
