// The console's filter: what it sends and how it is keyed, so a changed filter drops the old pages and an unchanged
// one (however it was typed) does not.
import { describe, expect, it } from 'vitest';
import { cleanFilter, filterKey, type Filter } from '../../../../renderer/features/console/filter.ts';

describe('console filter', () => {
  it.each<[string, Filter, Filter]>([
    ['keeps what is set', { from: '2026-12-01', decision: 'refuse' }, { from: '2026-12-01', decision: 'refuse' }],
    ['drops an empty select', { from: '2026-12-01', reason: '' as never }, { from: '2026-12-01' }],
    ['drops an unset field', { from: '2026-12-01', to: undefined, search: undefined }, { from: '2026-12-01' }],
    ['keeps false, which is a choice', { from: '2026-12-01', fever: false }, { from: '2026-12-01', fever: false }],
  ])('%s', (_what, filter, clean) => expect(cleanFilter(filter)).toEqual(clean));

  it.each<[string, Filter, Filter, boolean]>([
    ['an unset field is the same filter', { from: '2026-12-01' }, { from: '2026-12-01', reason: undefined }, true],
    ['an empty field is the same filter', { from: '2026-12-01' }, { from: '2026-12-01', search: '' }, true],
    ['another day is another filter', { from: '2026-12-01' }, { from: '2026-12-02' }, false],
    ['a reason is another filter', { from: '2026-12-01' }, { from: '2026-12-01', reason: 'fever' }, false],
  ])('%s', (_what, a, b, same) => expect(filterKey(a) === filterKey(b)).toBe(same));
});
