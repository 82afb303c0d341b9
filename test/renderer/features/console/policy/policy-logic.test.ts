// The policy page's pure parts: a draft's problems per field, and what a version changed from the one before.
import { describe, expect, it } from 'vitest';
import { Policy } from '../../../../../src/common/contract/policy.ts';
import { checkDraft } from '../../../../../renderer/features/console/policy/policy-check.ts';
import { policyChanges } from '../../../../../renderer/features/console/policy/policy-diff.ts';

const base = Policy.parse({});

describe('checkDraft', () => {
  it.each([
    [{ feverLineC: 39.5 }, [{ path: 'feverLineC', params: { field: 'feverLineC', rule: 'too-big', limit: 39 } }]],
    [{ feverLineC: NaN }, [{ path: 'feverLineC', params: { field: 'feverLineC', rule: 'required' } }]],
    [{ codeFreshnessMinutes: 0 }, [{ path: 'codeFreshnessMinutes', params: { field: 'codeFreshnessMinutes', rule: 'too-small', limit: 1 } }]],
    [{ acceptedCodeSources: [] }, [{ path: 'acceptedCodeSources', params: { field: 'acceptedCodeSources', rule: 'required' } }]],
    [{ outingQuota: { members: 0, everyDays: 2, exemptCommuters: true } }, [{ path: 'outingQuota.members', params: { field: 'outingQuota.members', rule: 'too-small', limit: 1 } }]],
    [{ peakWindows: [{ start: '07:00', end: '07:00' }] }, [{ path: 'peakWindows.0.end', params: { field: 'peakWindows.0.end', rule: 'other' }, sameStartEnd: true }]],
    [{ peakWindows: [{ start: '7', end: '09:00' }] }, [{ path: 'peakWindows.0.start', params: { field: 'peakWindows.0.start', rule: 'wrong-format' } }]],
  ])('%j is refused field by field', (change, issues) => {
    expect(checkDraft({ ...base, ...change })).toEqual({ ok: false, issues });
  });

  it('accepts a good draft as the policy', () => {
    expect(checkDraft({ ...base, feverLineC: 37.5 })).toEqual({ ok: true, policy: { ...base, feverLineC: 37.5 } });
  });
});

describe('policyChanges', () => {
  it('names each changed setting with its old and new value', () => {
    const after = { ...base, feverLineC: 37.5, visitorsAllowed: false };
    expect(policyChanges(base, after)).toEqual([
      { setting: 'feverLineC', before: 37.3, after: 37.5 },
      { setting: 'visitorsAllowed', before: true, after: false },
    ]);
  });

  it('is empty when nothing changed', () => expect(policyChanges(base, { ...base })).toEqual([]));
});
