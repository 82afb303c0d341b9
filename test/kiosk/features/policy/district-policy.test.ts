// A district policy document becomes a new audited policy version only when the whole document is valid.
import { afterEach, describe, expect, test } from 'vitest';
import { listAudit, recordAudit } from '../../../../src/kiosk/platform/audit/audit-log.ts';
import { Policy } from '../../../../src/common/contract/policy.ts';
import { applyDistrictPolicy } from '../../../../src/kiosk/features/policy/district-policy.ts';
import { createPolicyStore } from '../../../../src/kiosk/features/policy/policy-store.ts';
import type { LocalDownlink } from '../../../../src/kiosk/features/sync/kiosk-state.ts';
import { kioskDb, type KioskDb } from '../../../support/sync-fixtures.ts';

const NOW = new Date('2026-11-30T02:00:00Z');
let kiosk: KioskDb | null = null;
afterEach(() => {
  kiosk?.cleanup();
  kiosk = null;
});

function setup() {
  kiosk = kioskDb();
  const db = kiosk.db;
  const configPolicy = Policy.parse({ feverLineC: 37.2, peakWindows: [{ start: '07:00', end: '09:00' }] });
  const store = createPolicyStore({ db, configPolicy, audit: (input) => void recordAudit(db, input, NOW), now: () => NOW });
  const logs: string[] = [];
  return { db, store, logs, log: (m: string) => logs.push(m) };
}

const doc = (version: number, content: unknown): LocalDownlink => ({ kind: 'policy', version, content, updatedAt: NOW.toISOString(), checkedAt: NOW.toISOString() });

describe('district policy documents', () => {
  test.each([
    ['sets the named settings, keeps the rest', doc(3, { feverLineC: 37.5, visitorsAllowed: false }), { feverLineC: 37.5, visitorsAllowed: false, peakWindows: [{ start: '07:00', end: '09:00' }] }],
    ['a lockdown quota', doc(1, { outingQuota: { members: 1, everyDays: 2 } }), { outingQuota: { members: 1, everyDays: 2, exemptCommuters: true }, feverLineC: 37.2 }],
  ] as const)('applied: %s', (_name, document, expected) => {
    const { db, store, log } = setup();
    const outcome = applyDistrictPolicy(store, document, log);
    expect(outcome).toMatchObject({ applied: true, version: { version: 1, changedBy: 'district registry', note: `district policy version ${document.version}` } });
    expect(store.current().policy).toMatchObject(expected);
    const [audit] = listAudit(db, { action: 'policy-change', limit: 5 });
    expect(audit).toMatchObject({ actor: 'district registry', subject: 'policy v1', detail: { note: `district policy version ${document.version}` } });
  });

  test.each([
    ['nothing published yet (version 0)', doc(0, {}), /not published/, false],
    ['no document', null, /not published/, false],
    ['a fever line out of range', doc(2, { feverLineC: 45 }), /ignored, the kiosk keeps policy version 0: .*feverLineC/, true],
    ['an unknown setting (a typo) refuses the whole document', doc(2, { feverLineC: 37.5, feverC: 37.3 }), /ignored.*feverC/, true],
    ['not an object', doc(2, [1, 2]), /not a JSON object/, true],
    ['one good and one bad value: nothing applied half', doc(2, { visitorsAllowed: false, peakWindows: [{ start: '25:00', end: '09:00' }] }), /ignored.*peakWindows/, true],
    ['the same settings again', doc(4, { feverLineC: 37.2 }), /changes nothing/, false],
  ] as const)('not applied: %s', (_name, document, reason, logged) => {
    const { db, store, logs, log } = setup();
    const outcome = applyDistrictPolicy(store, document, log);
    expect(outcome).toMatchObject({ applied: false, reason: expect.stringMatching(reason) });
    expect(store.current()).toMatchObject({ version: 0, policy: { feverLineC: 37.2, visitorsAllowed: true } });
    expect(listAudit(db, { action: 'policy-change', limit: 5 })).toEqual([]);
    expect(logs.length > 0).toBe(logged);
  });
});
