// Whose code it was (issue 13.2) and scans that are no health code (13.3), through the real core: the holder is compared
// with the person recorded, a different holder passes only on the volunteer's word (kept in the row, migration 010), and
// text that is not a code is never an entry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, VOLUNTEERS, type TestCore } from '../../../support/gate-core.ts';
import { codeSigner } from '../../../support/gate-codes.ts';

const checked = { temperature: { bodyC: 36.5, source: 'device' }, maskWorn: true } as const;

describe('the code holder beside the person', () => {
  let t: TestCore;
  let residentId: string;
  let code: ReturnType<typeof codeSigner>;
  const now = new Date('2026-11-30T02:00:00Z');
  const holderCheck = (id: string) => (t.core.db.prepare('SELECT holder_check, code_holder_name FROM entries WHERE id = ?').get(id) as Record<string, unknown>);
  const count = () => (t.core.db.prepare('SELECT count(*) AS n FROM entries').get() as { n: number }).n;

  async function scanned(text: string) {
    return (await t.call('codes.verify', { text })) as { checkId: string; result: { status: string } };
  }

  beforeAll(async () => {
    t = await startTestCore({ now: now.toISOString() });
    code = codeSigner(t.dataDir, () => now);
    const household = await t.call('roster.households.save', { building: '3', unit: '2', room: '501' }, t.manager);
    residentId = (await t.call('roster.residents.save', { householdId: household.id, name: '李四', idNumber: '110105199003071239' }, t.manager)).id;
    await t.call('shifts.signOn', { name: VOLUNTEERS[0]!.username, pin: VOLUNTEERS[0]!.pin });
  });
  afterAll(() => t?.close());

  it('records "same" when the holder is the person', async () => {
    const { checkId, result } = await scanned(code('李*'));
    expect(result.status).toBe('green');
    const entry = await t.call('entries.record', { direction: 'in', identity: {}, code: { kind: 'verified', checkId }, person: { kind: 'resident', residentId }, ...checked });
    expect(entry).toMatchObject({ decision: 'pass', holderCheck: 'same' });
    expect(holderCheck(entry.id)).toEqual({ holder_check: 'same', code_holder_name: '李*' });
  });

  it('refuses to record someone else’s code unless the volunteer confirmed it, and keeps the confirmation', async () => {
    const before = count();
    const { checkId } = await scanned(code('张*'));
    const facts = { direction: 'in', identity: {}, code: { kind: 'verified', checkId }, person: { kind: 'resident', residentId }, ...checked };
    const error = await t.fail('entries.record', facts);
    expect(error).toMatchObject({ code: 'conflict' });
    expect(error.message).toMatch(/holder \(张\*\).*nothing was recorded/);
    expect(count()).toBe(before);
    const entry = await t.call('entries.record', { ...facts, holderConfirmed: true, codeOnOtherPhone: true });
    expect(entry).toMatchObject({ decision: 'pass', holderCheck: 'confirmed', codeOnOtherPhone: true });
    expect(holderCheck(entry.id)).toEqual({ holder_check: 'confirmed', code_holder_name: '张*' });
    expect((await t.call('log.entry', { id: entry.id }, t.manager)).entry).toMatchObject({ holderCheck: 'confirmed', code: { holderName: '张*' } });
  });

  it.each(['hello world 123456', 'https://weixin.qq.com/r/mp/AbCdEfGhIjKl', 'GK1:6BFOXN*TS0BI$ZD8UH', 'gk1;6bfoxn8ts0bi4zd8uh'])('never records "%s" (not a health code)', async (text) => {
    const before = count();
    const { checkId, result } = await scanned(text);
    expect(result).toMatchObject({ status: 'invalid', reason: 'malformed' });
    const error = await t.fail('entries.record', { direction: 'in', identity: { name: '路人' }, code: { kind: 'verified', checkId }, ...checked });
    expect(error).toMatchObject({ code: 'bad-input' });
    expect(error.message).toMatch(/not a health code, so nothing was recorded/);
    expect(count()).toBe(before);
  });

  it('still refuses a code of a known format that fails its checks (an expired one), as an invalid code', async () => {
    const old = code('李*');
    t.setNow('2026-11-30T02:30:00Z');
    const { checkId, result } = await scanned(old);
    expect(result).toMatchObject({ status: 'invalid', reason: 'expired' });
    const entry = await t.call('entries.record', { direction: 'in', identity: {}, code: { kind: 'verified', checkId }, person: { kind: 'resident', residentId }, ...checked });
    expect(entry).toMatchObject({ decision: 'refuse', reasons: ['code-invalid'] });
  });
});
