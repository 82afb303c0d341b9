import { describe, expect, it } from 'vitest';
import { flushProgress, type FlushProgress } from '../../src/common/flush-progress.ts';

describe('flush progress', () => {
  it.each([
    { name: 'starts at what is waiting', previous: null, waiting: 10_000, want: { sent: 0, total: 10_000, percent: 0 } },
    { name: 'counts batches sent', previous: { sent: 0, total: 10_000, percent: 0 }, waiting: 9_500, want: { sent: 500, total: 10_000, percent: 5 } },
    { name: 'ends at all of it', previous: { sent: 9_500, total: 10_000, percent: 95 }, waiting: 0, want: { sent: 10_000, total: 10_000, percent: 100 } },
    { name: 'new entries grow the total, never take sent back', previous: { sent: 500, total: 10_000, percent: 5 }, waiting: 9_600, want: { sent: 500, total: 10_100, percent: 4 } },
    { name: 'nothing to send is done', previous: null, waiting: 0, want: { sent: 0, total: 0, percent: 100 } },
  ] satisfies Array<{ name: string; previous: FlushProgress | null; waiting: number; want: FlushProgress }>)('$name', ({ previous, waiting, want }) => {
    expect(flushProgress(previous, waiting)).toEqual(want);
  });
});
