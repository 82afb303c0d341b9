// The benchmark table's bookkeeping: each figure beside the previous run's, flagged when it got more than 20% worse
// in the direction that matters, and the README's table replaced from the run's output only between its markers.
import { describe, expect, it } from 'vitest';
import { compareWithPrevious, markdownTable, mergeRuns, README_END, README_START, runDates, withBenchTable, type Row } from '../../bench/row.ts';

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

describe('a run of some benches', () => {
  const tagged = (figure: string, bench: string, measuredAt: string): Row => ({ ...row(figure, 1, 'ms'), bench, measuredAt });
  const saved = [tagged('a1', 'a', '2026-12-01T10:00:00Z'), tagged('b1', 'b', '2026-12-01T10:05:00Z'), tagged('c1', 'c', '2026-12-01T10:09:00Z')];

  it('replaces the rows of the benches it ran and keeps the others, in the listed order', () => {
    const fresh = [tagged('b1', 'b', '2026-12-02T09:00:00Z'), tagged('b2', 'b', '2026-12-02T09:00:00Z')];
    const merged = mergeRuns(['a', 'b', 'c'], new Set(['b']), fresh, saved);
    expect(merged.map((r) => `${r.figure}@${r.measuredAt!.slice(0, 10)}`)).toEqual(['a1@2026-12-01', 'b1@2026-12-02', 'b2@2026-12-02', 'c1@2026-12-01']);
    expect(runDates(merged)).toBe('2026-12-02 (b); 2026-12-01 (a, c)');
  });

  it('drops a bench that ran and measured nothing, rather than keeping its old figures as if new', () => {
    expect(mergeRuns(['a', 'b'], new Set(['a']), [], saved).map((r) => r.figure)).toEqual(['b1']);
  });
});

describe('a figure that is not a number', () => {
  it('is written as n/a, not a crash of the whole run', () => {
    const table = markdownTable([{ figure: 'p99', value: null as unknown as number, unit: 'ms', target: '', compare: '' }], 'h');
    expect(table).toContain('| p99 | n/a (no number measured) |');
  });
});
