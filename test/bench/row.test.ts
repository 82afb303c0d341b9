// The benchmark table's bookkeeping: each figure beside the previous run's, flagged when it got more than 20% worse
// in the direction that matters, and the README's table replaced from the run's output only between its markers.
import { describe, expect, it } from 'vitest';
import { compareWithPrevious, markdownTable, README_END, README_START, withBenchTable, type Row } from '../../bench/row.ts';

const row = (figure: string, value: number | string, unit?: string, better?: Row['better']): Row => ({ figure, value, target: '', compare: '', ...(unit ? { unit } : {}), ...(better ? { better } : {}) });

describe('previous run', () => {
  it.each<[string, Row, Row, boolean | undefined]>([
    ['slower by 30%', row('p99', 13, 'ms'), row('p99', 10, 'ms'), true],
    ['slower by 10%', row('p99', 11, 'ms'), row('p99', 10, 'ms'), false],
    ['faster', row('p99', 5, 'ms'), row('p99', 10, 'ms'), false],
    ['a rate down by 25%', row('rate', 750, '/s'), row('rate', 1000, '/s'), true],
    ['a rate up', row('rate', 1500, '/s'), row('rate', 1000, '/s'), false],
    ['memory up by half', row('rss', 30, 'MB'), row('rss', 20, 'MB'), true],
    ['a unit with no direction', row('share', 3, '%'), row('share', 1, '%'), false],
    ['a direction given by the bench', row('share', 3, '%', 'lower'), row('share', 1, '%'), true],
    ['not measured now', row('p99', 'n/a', 'ms'), row('p99', 10, 'ms'), false],
    ['a new figure', row('new', 1, 'ms'), row('old', 1, 'ms'), undefined],
  ])('%s', (_what, now, before, worse) => {
    const [compared] = compareWithPrevious([now], [before]);
    expect(compared!.previous?.worse).toBe(worse);
  });

  it('shows the previous figure and the flag in the table', () => {
    const table = markdownTable(compareWithPrevious([row('p99', 13, 'ms')], [row('p99', 10, 'ms')]), 'header');
    expect(table).toContain('| p99 | 13 ms | 10 ms (WORSE now) |');
  });
});

describe('the README table', () => {
  const readme = `# x\n\nintro\n${README_START}\nold table\n${README_END}\n\nafter\n`;
  it('replaces only what stands between the markers', () => {
    expect(withBenchTable(readme, 'new table\n')).toBe(`# x\n\nintro\n${README_START}\nnew table\n${README_END}\n\nafter\n`);
  });
  it('leaves a README without markers alone', () => expect(withBenchTable('# x\n', 'table')).toBe('# x\n'));
});
