// Sample data against a real core on a real (encrypted) SQLite file: loaded only into an unused kiosk, marked,
// its secrets answered once, every code of the demo sheet answering what it says, and removed in one step (audited)
// so that real setup starts clean and a printed sample card no longer passes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { weakPinReason } from '../../../../src/common/contract/pin-rules.ts';
import { idChecksum, randomPin } from '../../../../src/kiosk/features/demo/sample-compound.ts';
import { startConsoleCore, type ConsoleHarness } from '../../../support/console-core.ts';

type Loaded = { accounts: { manager: { username: string; password: string }; volunteers: Array<{ username: string; pin: string }> }; households: number; residents: number };
type Sheet = { validUntil: string; codes: Array<{ kind: string; expect: string; text: string; person?: { name: string; kind: string } }> };

describe('sample data', { timeout: 60_000 }, () => {
  let kiosk: ConsoleHarness;
  afterEach(async () => kiosk?.close());

  it('loads into a fresh kiosk, answers the secrets once, and every demo-sheet code gives the colour it says', async () => {
    kiosk = await startConsoleCore({ setup: false });
    expect(await kiosk.call('demo.status', {})).toMatchObject({ sample: false, training: false });
    // Not from another PC on the network, even before setup.
    const lan = await kiosk.result('demo.load', {}, { via: 'http-lan', peer: 'remote' });
    expect(lan.error).toMatchObject({ code: 'forbidden', key: 'sample-load-locally' });
    const loaded = await kiosk.call<Loaded>('demo.load', {}, { via: 'http-loopback' });
    expect(loaded).toMatchObject({ households: 4, residents: 7 });
    expect(loaded.accounts.volunteers).toHaveLength(2);
    for (const v of loaded.accounts.volunteers) expect(weakPinReason(v.pin)).toBeNull();
    expect(await kiosk.call('demo.status', {})).toMatchObject({ sample: true });
    expect(await kiosk.call('setup.status', {})).toMatchObject({ needsSetup: false, compoundName: '幸福里小区（示例数据）' });
    // A second load is refused, and so is one over the network.
    expect((await kiosk.result('demo.load', {}, { via: 'http-loopback' })).error?.code).toBe('conflict');

    const admin = await kiosk.signIn(loaded.accounts.manager.username, { password: loaded.accounts.manager.password });
    // The volunteers sign on with the PINs printed once.
    const shift = await kiosk.result('shifts.signOn', { name: loaded.accounts.volunteers[0]!.username, pin: loaded.accounts.volunteers[0]!.pin });
    expect(shift.ok, JSON.stringify(shift.error)).toBe(true);
    const households = await kiosk.call<{ households: Array<{ label: string; note: string }> }>('roster.households.list', { limit: 50 }, admin);
    expect(households.households.map((h) => h.label).sort()).toEqual(['1-1-101', '1-1-102', '2-1-301', '3-2-501']);
    expect(households.households.every((h) => h.note === '示例数据')).toBe(true);
    const commuters = await kiosk.call<{ commuters: unknown[] }>('roster.commuters.list', {}, admin);
    expect(commuters.commuters).toHaveLength(2);
    const policy = await kiosk.call<{ policy: { peakWindows: unknown[] } }>('policy.get', {}, admin);
    expect(policy.policy.peakWindows.length).toBeGreaterThan(0);
    expect((await kiosk.call<{ vehicle: { plate: string } }>('roster.vehicles.find', { plate: '京A5S001' })).vehicle.plate).toBe('京A5S001');

    const sheet = await kiosk.call<Sheet>('demo.sheet', {}, admin);
    expect(sheet.codes.map((c) => c.kind)).toEqual(['green', 'yellow', 'red', 'expired-screenshot', 'relative', 'resident-card', 'commuter', 'dcc']);
    for (const code of sheet.codes) {
      const { checkId, result } = await kiosk.call<{ checkId: string; result: { status: string } }>('codes.verify', { text: code.text });
      expect(result.status, `${code.kind}: ${JSON.stringify(result)}`).toBe(code.expect);
      if (code.person) {
        const { match } = await kiosk.call<{ match: { kind: string; resident: { name: string } } | null }>('gate.match', { checkId });
        expect(match, code.kind).toMatchObject({ kind: code.person.kind, resident: { name: code.person.name } });
      }
    }
    const card = sheet.codes.find((c) => c.kind === 'resident-card')!.text;

    // Removal: a wrong confirmation is refused; a volunteer may not; the admin removes it in one step.
    expect((await kiosk.result('demo.remove', { confirm: 'yes' }, admin)).error?.code).toBe('bad-input');
    const green = await kiosk.call<{ checkId: string }>('codes.verify', { text: sheet.codes[0]!.text });
    await kiosk.call('entries.record', { direction: 'in', code: { kind: 'verified', checkId: green.checkId }, identity: { name: '张伟' }, temperature: { bodyC: 36.5, source: 'manual' }, maskWorn: true });
    const removed = await kiosk.call<{ removed: Record<string, number> }>('demo.remove', { confirm: 'remove sample data' }, admin);
    expect(removed.removed).toEqual({ households: 4, residents: 7, vehicles: 1, accounts: 3, entries: 1 });
    expect(await kiosk.call('demo.status', {})).toMatchObject({ sample: false });
    expect(await kiosk.call('setup.status', {})).toMatchObject({ needsSetup: true });
    // The printed sample card no longer passes: its key is gone from the trust list.
    const after = await kiosk.call<{ result: { status: string } }>('codes.verify', { text: card });
    expect(after.result.status).not.toBe('green');

    // Real setup starts clean; the audit log kept the load and the removal with who did it.
    await kiosk.call('setup.complete', { compoundName: '真实小区', compoundCode: 'REAL-1', manager: { username: 'boss', displayName: '主任', password: 'admin-pass-1' }, registryUrl: '' });
    const boss = await kiosk.signIn('boss', { password: 'admin-pass-1' });
    expect((await kiosk.call<{ households: unknown[] }>('roster.households.list', { limit: 50 }, boss)).households).toEqual([]);
    const audit = await kiosk.call<{ records: Array<{ action: string; actor: string }> }>('audit.list', { limit: 200 }, boss);
    const actions = audit.records.map((r) => `${r.action}:${r.actor}`);
    expect(actions).toContain('sample-data.load:kiosk');
    expect(actions).toContain(`sample-data.remove:${loaded.accounts.manager.username}`);
    const trust = JSON.parse(readFileSync(path.join(kiosk.dataDir, 'trust/trust-list.json'), 'utf8')) as { keys: Array<{ label?: string }> };
    expect(trust.keys.map((k) => k.label)).toEqual(['compound-card']);
  });

  it('is refused on a kiosk that is set up, and the sheet without sample data says what to do', async () => {
    kiosk = await startConsoleCore();
    const r = await kiosk.result('demo.load', {}, { via: 'http-loopback' });
    expect(r.error).toMatchObject({ code: 'conflict', key: 'sample-kiosk-set-up' });
    expect(r.error?.message).toMatch(/training/);
    const admin = await kiosk.signIn('boss', { password: 'admin-pass-1' });
    expect((await kiosk.result('demo.sheet', {}, admin)).error?.message).toMatch(/sample data/);
    expect((await kiosk.result('demo.remove', { confirm: 'remove sample data' }, admin)).error?.code).toBe('not-found');
  });
});

describe('sample helpers', () => {
  it.each([
    ['11010519491231002', 'X'],
    ['44052418800101001', '4'],
  ])('the ID checksum of %s is %s', (first17, check) => expect(idChecksum(first17)).toBe(check));

  it('never hands out a weak PIN, even from a draw that prefers them', () => {
    const draws = [1234, 0, 1212, 7391];
    expect(randomPin(() => draws.shift()!)).toBe('7391');
  });
});
