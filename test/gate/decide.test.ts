import { describe, expect, it } from 'vitest';
import type { HealthCodeResult } from '../../src/contract/health-code.ts';
import { decide, type DecisionFacts } from '../../src/gate/decide.ts';

const at = '2026-11-28T08:00:00Z';
const policy = { feverLineC: 37.3 };
const green: HealthCodeResult = { status: 'green', source: 'manual', checkedAt: at };
const ok: DecisionFacts = { code: green, identity: { name: '王五' }, temperature: { bodyC: 36.6, source: 'device' }, maskWorn: true };

describe('gate decision', () => {
  it.each<[string, Partial<DecisionFacts>, string, string[]]>([
    ['green code, normal temperature, mask on', {}, 'pass', []],
    ['identity from the verified code holder', { identity: {}, code: { ...green, source: 'online', holderName: '王*' } }, 'pass', []],
    ['identity given as a masked ID only', { identity: { maskedId: '1101**********1234' } }, 'pass', []],
    ['just below the fever line', { temperature: { bodyC: 37.2, source: 'device' } }, 'pass', []],
    ['exactly at the fever line', { temperature: { bodyC: 37.3, source: 'device' } }, 'refuse', ['fever']],
    ['fever from a handheld value', { temperature: { bodyC: 38.5, source: 'manual' } }, 'refuse', ['fever']],
    ['red code', { code: { status: 'red', source: 'online', checkedAt: at } }, 'refuse', ['code-red']],
    ['yellow code', { code: { status: 'yellow', source: 'manual', checkedAt: at } }, 'refuse', ['code-yellow']],
    ['code under review', { code: { status: 'review', source: 'online', checkedAt: at } }, 'refuse', ['code-review']],
    ['invalid code', { code: { status: 'invalid', reason: 'expired', detail: 'x', checkedAt: at } }, 'refuse', ['code-invalid']],
    ['a code that could not be verified is never a colour', { code: { status: 'error', reason: 'timeout', detail: 'x', checkedAt: at } }, 'refuse', ['code-not-verified']],
    ['red code ends the check before temperature and mask', { code: { status: 'red', source: 'manual', checkedAt: at }, temperature: null, maskWorn: null }, 'refuse', ['code-red']],
    ['no mask', { maskWorn: false }, 'refuse', ['mask-missing']],
    ['mask not checked', { maskWorn: null }, 'refuse', ['mask-missing']],
    ['no temperature', { temperature: null }, 'refuse', ['temperature-missing']],
    ['nobody asked who they are', { identity: {} }, 'refuse', ['identity-missing']],
    ['every must failed at once', { identity: {}, temperature: null, maskWorn: false }, 'refuse', ['identity-missing', 'temperature-missing', 'mask-missing']],
    ['fever and no mask', { temperature: { bodyC: 39, source: 'device' }, maskWorn: false }, 'refuse', ['fever', 'mask-missing']],
  ])('%s', (_case, change, decision, reasons) => {
    expect(decide({ ...ok, ...change }, policy)).toEqual({ decision, reasons });
  });

  it('uses the configured fever line', () => {
    const facts = { ...ok, temperature: { bodyC: 37.4, source: 'device' as const } };
    expect(decide(facts, { feverLineC: 37.5 }).decision).toBe('pass');
    expect(decide(facts, { feverLineC: 37.3 }).decision).toBe('refuse');
  });
});
