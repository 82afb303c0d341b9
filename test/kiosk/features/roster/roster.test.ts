// The roster through the real core: managers keep it, the gate finds people by ID number, household, card or plate,
// and the plain ID number never reaches the database file.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../../../support/gate-core.ts';

const ID = '110105199003071239';
const ID2 = '310115198506124510';

describe('roster', () => {
  let t: TestCore;
  let household: { id: string; label: string };
  let resident: { id: string; maskedId: string };

  beforeAll(async () => {
    t = await startTestCore();
    household = await t.call('roster.households.save', { building: '3', unit: '2', room: '501' }, t.manager);
    resident = await t.call('roster.residents.save', { householdId: household.id, name: '李四', idNumber: ID, phone: '13812341234', cardId: 'C-0001' }, t.manager);
  });
  afterAll(() => t?.close());

  it('keeps only a keyed hash and the masked form of an ID number', () => {
    expect(household.label).toBe('3-2-501');
    expect(resident).toMatchObject({ name: '李四', maskedId: '1101**********1239', maskedPhone: '138****1234', household: '3-2-501', commuter: false });
    t.core.db.pragma('wal_checkpoint(TRUNCATE)');
    for (const file of readdirSync(t.dataDir).filter((f) => f.startsWith('gate-kiosk.sqlite'))) {
      expect(readFileSync(path.join(t.dataDir, file)).includes(Buffer.from(ID))).toBe(false);
    }
    const row = t.core.db.prepare('SELECT id_hash FROM residents WHERE id = ?').get(resident.id) as { id_hash: string };
    expect(row.id_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('finds a resident by ID number however it is typed, and by household', async () => {
    expect((await t.call('roster.residents.find', { idNumber: '1101 0519 9003 0712 39' })).matches.map((m: any) => m.resident.id)).toEqual([resident.id]);
    expect((await t.call('roster.residents.find', { idNumber: ID2 })).matches).toEqual([]);
    // The gate sees names masked; the household it asked for is said back as typed.
    expect((await t.call('roster.residents.find', { household: '3栋2单元501' })).matches.map((m: any) => [m.resident.name, m.resident.household])).toEqual([['李*', '3-2-501']]);
    expect((await t.call('roster.residents.find', { idNumber: ID })).matches.map((m: any) => [m.resident.name, m.resident.household, m.resident.cardId])).toEqual([['李*', '3-2-5**', null]]);
  });

  it('says what to fix for bad input', async () => {
    expect((await t.fail('roster.residents.find', { idNumber: '110105199003071238' })).message).toMatch(/does not add up/);
    expect((await t.fail('roster.residents.find', { household: '501' })).message).toMatch(/building-unit-room/);
    expect((await t.fail('roster.households.save', { building: '3', unit: '2', room: '501' }, t.manager)).code).toBe('conflict');
    expect((await t.fail('roster.residents.save', { householdId: household.id, name: '张三', idNumber: ID }, t.manager)).message).toMatch(/already has this ID number/);
    expect((await t.fail('roster.households.save', { building: '', room: '1' }, t.manager)).message).toMatch(/building/);
    expect((await t.fail('roster.households.remove', { id: household.id }, t.manager)).message).toMatch(/still has residents/);
  });

  it('lets only a manager change it, and audits each change', async () => {
    expect((await t.fail('roster.households.save', { building: '9', room: '101' })).code).toMatch(/forbidden|unauthenticated/);
    const audit = t.core.db.prepare("SELECT actor, action FROM audit_log WHERE action LIKE 'roster.%' ORDER BY seq").all();
    expect(audit).toEqual([
      { actor: 'zhang', action: 'roster.households.save' },
      { actor: 'zhang', action: 'roster.residents.save' },
    ]);
  });

  it('keeps an ID number on file when a resident is changed without one', async () => {
    const changed = await t.call('roster.residents.save', { id: resident.id, householdId: household.id, name: '李四四' }, t.manager);
    expect(changed).toMatchObject({ name: '李四四', maskedId: '1101**********1239', cardId: 'C-0001' });
    await t.call('roster.residents.save', { id: resident.id, householdId: household.id, name: '李四' }, t.manager);
  });

  it('finds a vehicle by plate with its household, and registers commuters', async () => {
    const vehicle = await t.call('roster.vehicles.save', { householdId: household.id, plate: '京a·12345' }, t.manager);
    expect(vehicle.plate).toBe('京A12345');
    const commuter = await t.call('roster.commuters.save', { residentId: resident.id, usualOut: '07:30', usualIn: '18:30', vehicleId: vehicle.id }, t.manager);
    expect(commuter).toMatchObject({ name: '李四', usualOut: '07:30', days: [1, 2, 3, 4, 5], plate: '京A12345' });
    const found = await t.call('roster.vehicles.find', { plate: '京A 12345' });
    expect(found.vehicle).toMatchObject({ plate: '京A12345', household: '3-2-5**' });
    expect(found.occupants).toEqual([expect.objectContaining({ kind: 'commuter', plates: ['京A12345'], resident: expect.objectContaining({ name: '李*' }) })]);
    expect((await t.fail('roster.vehicles.find', { plate: '沪C99999' })).message).toMatch(/not on the roster.*on foot/);
    expect((await t.fail('roster.commuters.save', { residentId: resident.id, usualOut: '7:30' }, t.manager)).message).toMatch(/HH:MM/);
  });

  it('offers a returning visitor by phone or ID number, counting visits', async () => {
    expect((await t.call('roster.visitors.find', { phone: '13900001111' })).visitor).toBeNull();
    const first = await t.call('roster.visitors.register', { name: '赵六', phone: '139 0000 1111', idNumber: ID2, householdId: household.id, purpose: '送药' });
    // Masked at the gate: the name, where they went, and not why.
    expect(first).toMatchObject({ name: '赵*', maskedPhone: '139****1111', maskedId: '3101**********4510', lastHousehold: '3-2-5**', lastPurpose: null, visits: 1 });
    const again = (await t.call('roster.visitors.find', { phone: '13900001111' })).visitor;
    expect(again.id).toBe(first.id);
    expect((await t.call('roster.visitors.find', { idNumber: ID2 })).visitor.id).toBe(first.id);
    // A returning visitor keeps the name on file when the gate leaves it out.
    const second = await t.call('roster.visitors.register', { id: first.id, phone: '13900001111', household: '3-2-501', purpose: '探望' });
    expect(second).toMatchObject({ name: '赵*', visits: 2, maskedId: '3101**********4510' });
    expect(t.core.db.prepare('SELECT name, last_purpose FROM visitors WHERE id = ?').get(first.id)).toEqual({ name: '赵六', last_purpose: '探望' });
    expect((await t.fail('roster.visitors.register', { phone: '13900003333', household: '3-2-501', purpose: '快递' })).message).toMatch(/name/);
    expect((await t.fail('roster.visitors.register', { name: '钱七', phone: '13900002222', householdId: household.id, purpose: '' })).message).toMatch(/purpose/);
    expect((await t.fail('roster.visitors.register', { name: '钱七', phone: '13900002222', household: '8-8-808', purpose: '快递' })).message).toMatch(/8-8-808 is not on the roster/);
    expect((await t.fail('roster.visitors.register', { name: '钱七', phone: '13900002222', purpose: '快递' })).message).toMatch(/household visited/);
  });
});
