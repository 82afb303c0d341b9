// What the gate shows of a person: masked forms as tables, each one unchanged when masked again.
import { describe, expect, it } from 'vitest';
import { maskHousehold, maskName, maskPlate } from '../../../../src/kiosk/platform/privacy/masking.ts';
import { codeView, entryView, personMatchView, vehicleView, visitorView } from '../../../../src/kiosk/platform/privacy/volunteer-view.ts';

describe('masking', () => {
  it.each([
    ['李四', '李*'],
    ['王小明', '王*明'],
    ['欧阳小明', '欧**明'],
    ['Smith', 'S***h'],
    ['Anna Schmidt', 'A***t'],
    ['张', '*'],
  ])('masks the name %s as %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
    expect(maskName(masked)).toBe(masked);
  });

  it.each([
    ['3-2-501', '3-2-5**'],
    ['3-501', '3-5**'],
    ['12-1-1201', '12-1-12**'],
    ['3-2-12', '3-2-**'],
  ])('masks the household %s as %s', (label, masked) => {
    expect(maskHousehold(label)).toBe(masked);
    expect(maskHousehold(masked)).toBe(masked);
  });

  it.each([
    ['京A12345', '京A***45'],
    ['沪AD12345', '沪A****45'],
    ['京A1', '京**'],
  ])('masks the plate %s as %s', (plate, masked) => expect(maskPlate(plate)).toBe(masked));
});

describe('the gate view', () => {
  const resident = { id: 'r1', householdId: 'h1', household: '3-2-501', name: '李四', maskedId: '1101**********1239', maskedPhone: '138****1234', cardId: 'CARD-1', commuter: true };

  it('masks a roster match, saying back only what the volunteer typed', () => {
    const match = { kind: 'commuter' as const, resident, plates: ['京A12345', '京B54321'] };
    expect(personMatchView(match)).toEqual({ kind: 'commuter', resident: { ...resident, name: '李*', household: '3-2-5**', cardId: null }, plates: ['京A***45', '京B***21'] });
    expect(personMatchView(match, { household: '3-2-501', plate: '京A12345' })).toMatchObject({ resident: { household: '3-2-501' }, plates: ['京A12345', '京B***21'] });
    expect(vehicleView({ id: 'v', householdId: 'h1', household: '3-2-501', plate: '京A12345', note: '白色' }, { plate: '京A12345' })).toEqual({ id: 'v', householdId: 'h1', household: '3-2-5**', plate: '京A12345', note: null });
  });

  it('keeps of a returning visitor what recognises them, not where they went or why', () => {
    const visitor = { id: 'v1', name: '赵六', maskedPhone: '139****1111', maskedId: null, lastHouseholdId: 'h1', lastHousehold: '3-2-501', lastPurpose: '探望母亲王芳', visits: 3, lastSeenAt: null };
    expect(visitorView(visitor)).toEqual({ ...visitor, name: '赵*', lastHousehold: '3-2-5**', lastPurpose: null });
  });

  it('masks a code holder and drops the keyed ID hash; a result without them is unchanged', () => {
    const green = { status: 'green' as const, source: 'dcc' as const, holderName: 'Erika Mustermann', idHash: 'ab'.repeat(16), checkedAt: 'now' };
    expect(codeView(green)).toEqual({ status: 'green', source: 'dcc', holderName: 'E***n', checkedAt: 'now' });
    const error = { status: 'error' as const, reason: 'timeout' as const, detail: 'x', checkedAt: 'now' };
    expect(codeView(error)).toBe(error);
  });

  it('masks an entry: name, holder, household and plate', () => {
    const entry = {
      id: 'e', at: 'now', direction: 'in' as const, lane: 'standard' as const, identity: { name: '李四', maskedId: '1101**********1239' },
      code: { status: 'green' as const, source: 'resident-card' as const, holderName: '李四', checkedAt: 'now' }, manualReason: null, temperature: null, maskWorn: true,
      decision: 'pass' as const, reasons: [], volunteer: '李志愿', person: { kind: 'resident' as const, id: 'r1', householdId: 'h1', household: '3-2-501' }, plate: '京A12345',
    };
    expect(entryView(entry)).toMatchObject({ identity: { name: '李*', maskedId: '1101**********1239' }, code: { holderName: '李*' }, person: { household: '3-2-5**' }, plate: '京A***45', volunteer: '李志愿' });
    expect(JSON.stringify(entryView(entry))).not.toMatch(/李四|3-2-501|12345/);
  });
});
