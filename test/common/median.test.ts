// One median for the thermometer's readings, the wedge's key gaps and the gate's live figures.
import { describe, expect, it } from 'vitest';
import { median } from '../../src/common/median.ts';

describe('median', () => {
  it.each([
    [[], null],
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    // One stray thermometer reading does not move the result.
    [[36.5, 36.6, 41.0], 36.6],
    // Sorted as numbers, not as text (a default Array sort would put 10 before 9).
    [[10, 9, 100], 10],
    [[-2, -10, 3], -2],
    [[0.5, 0.25], 0.375],
  ])('of %j is %s', (values, expected) => expect(median(values)).toBe(expected));

  it('takes a typed array and leaves its input unsorted', () => {
    const gaps = new Float64Array([30, 10, 20]);
    expect(median(gaps)).toBe(20);
    expect([...gaps]).toEqual([30, 10, 20]);
  });
});
