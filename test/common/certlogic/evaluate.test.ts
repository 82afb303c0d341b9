// CertLogic 1.3.2 as tables written from the specification: every operation, its operand rules, truthy/falsy, the
// null cases, and the errors a rule counts as failed.
import { describe, expect, it } from 'vitest';
import { evaluate, extractFromUvci } from '../../../src/common/certlogic/evaluate.ts';
import { boolsiness, CertLogicError } from '../../../src/common/certlogic/values.ts';

type Row = [name: string, expression: unknown, data: unknown, expected: unknown];
const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : value);
const check = (rows: Row[]) =>
  it.each(rows)('%s', (_name, expression, data, expected) => {
    expect(iso(evaluate(expression, data))).toEqual(expected);
  });
const throws = (rows: Array<[name: string, expression: unknown, data: unknown]>) =>
  it.each(rows)('%s throws', (_name, expression, data) => {
    expect(() => evaluate(expression, data)).toThrow(CertLogicError);
  });

const v = (path: string) => ({ var: path });
const pt = (text: unknown, amount: number, unit: string) => ({ plusTime: [text, amount, unit] });

describe('truthy and falsy', () => {
  it.each<[unknown, boolean | undefined]>([
    [false, false], [null, false], ['', false], [0, false], [[], false], [{}, false],
    [true, true], ['a', true], [1, true], [-3, true], [[0], true], [{ a: null }, true],
    [0.5, undefined], [new Date(0), undefined], [undefined, undefined],
  ])('%j is %s', (value, expected) => expect(boolsiness(value)).toBe(expected));
});

describe('literals and arrays', () => {
  check([
    ['a string is itself', 'abc', null, 'abc'],
    ['an integer is itself', 42, null, 42],
    ['a boolean is itself', false, null, false],
    ['an array evaluates each item', [1, v('x'), 'c'], { x: 'b' }, [1, 'b', 'c']],
  ]);
  throws([
    ['null literal', null, {}],
    ['a fraction', 1.5, {}],
    ['an object literal', {}, {}],
    ['an object with two operations', { var: 'a', if: [1, 2, 3] }, {}],
    ['an unknown operation', { max: [1, 2] }, {}],
    ['an operation without an operand array', { '!': true }, {}],
    ['an operation with an empty operand array', { and: [] }, {}],
  ]);
});

describe('var', () => {
  const data = { a: { b: [10, { c: 'deep' }] }, n: null, s: 'text', zero: 0 };
  check([
    ['the empty path is the whole context', v(''), data, data],
    ['a nested property', v('a.b.1.c'), data, 'deep'],
    ['an array index', v('a.b.0'), data, 10],
    ['a missing property is null', v('a.x'), data, null],
    ['a missing index is null', v('a.b.7'), data, null],
    ['a step through null is null', v('n.anything'), data, null],
    ['a step into a string is null', v('s.0'), data, null],
    ['a falsy value is returned as is', v('zero'), data, 0],
    ['data null, any path is null', v('x.y'), null, null],
    ['an integer path means the same as its string', { var: 1 }, ['a', 'b'], 'b'],
    ['prototype names are not properties', v('constructor'), {}, null],
    ['a non-integer fragment on an array is null', v('a.b.length'), data, null],
  ]);
  throws([
    ['a default value (array form) is not allowed', { var: ['x', 1] }, {}],
    ['a non-string path', { var: true }, {}],
  ]);
});

describe('if', () => {
  check([
    ['truthy guard takes then', { if: [v('g'), 'then', 'else'] }, { g: 'yes' }, 'then'],
    ['falsy guard takes else', { if: [v('g'), 'then', 'else'] }, { g: [] }, 'else'],
    ['null guard takes else', { if: [v('missing'), 'then', 'else'] }, {}, 'else'],
    ['only the branch taken is evaluated', { if: [true, 1, { unknownOp: [] }] }, {}, 1],
    ['nested ifs', { if: [false, 1, { if: [1, 2, 3] }] }, {}, 2],
  ]);
  throws([
    ['two operands', { if: [true, 1] }, {}],
    ['four operands', { if: [true, 1, 2, 3] }, {}],
    ['a guard that is neither truthy nor falsy', { if: [pt('2021-01-01', 0, 'day'), 1, 2] }, {}],
  ]);
});

describe('and', () => {
  check([
    ['all truthy gives the last', { and: [1, 'a', [1]] }, {}, [1]],
    ['the first falsy is the answer', { and: [1, 0, 'never'] }, {}, 0],
    ['null is falsy', { and: [true, v('missing')] }, {}, null],
    ['lazy: nothing after a falsy operand is evaluated', { and: [false, { unknownOp: [] }] }, {}, false],
  ]);
  throws([
    ['one operand', { and: [true] }, {}],
    ['an operand neither truthy nor falsy', { and: [true, pt('2021-01-01', 0, 'day')] }, {}],
  ]);
});

describe('! (negation)', () => {
  check([
    ['of falsy', { '!': [v('missing')] }, {}, true],
    ['of truthy', { '!': ['x'] }, {}, false],
    ['of an empty object', { '!': [v('o')] }, { o: {} }, true],
  ]);
  throws([
    ['two operands', { '!': [true, false] }, {}],
    ['a date-time', { '!': [pt('2021-01-01', 0, 'day')] }, {}],
  ]);
});

describe('=== (strict equality)', () => {
  check([
    ['equal strings', { '===': [v('a'), 'x'] }, { a: 'x' }, true],
    ['different strings', { '===': ['x', 'y'] }, {}, false],
    ['no type coercion', { '===': [1, '1'] }, {}, false],
    ['null equals null', { '===': [v('a'), v('b')] }, {}, true],
    ['integers', { '===': [{ '+': [1, 1] }, 2] }, {}, true],
  ]);
  throws([['three operands', { '===': [1, 1, 1] }, {}]]);
});

describe('in', () => {
  check([
    ['a member', { in: [v('x'), v('y')] }, { x: 'a', y: ['a', 'b'] }, true],
    ['not a member', { in: ['c', ['a', 'b']] }, {}, false],
    ['null in an empty array', { in: [v('x'), v('y')] }, { x: null, y: [] }, false],
    ['null in [null]', { in: [v('x'), v('y')] }, { x: null, y: [null] }, true],
    ['null in strings is false', { in: [v('x'), ['a', 'b']] }, { x: null }, false],
    ['integers too', { in: [2, [1, 2]] }, {}, true],
    ['a value set from the context', { in: [v('payload.tr'), v('external.valueSets.results')] }, { payload: { tr: '260415000' }, external: { valueSets: { results: ['260415000'] } } }, true],
  ]);
  throws([
    ['a right-hand side that is not an array', { in: ['a', 'abc'] }, {}],
    ['a right-hand side that is null', { in: ['a', v('missing')] }, {}],
  ]);
});

describe('+', () => {
  check([
    ['two integers', { '+': [2, 3] }, {}, 5],
    ['negative', { '+': [v('a'), -5] }, { a: 3 }, -2],
  ]);
  throws([
    ['a string', { '+': ['1', 2] }, {}],
    ['null', { '+': [v('missing'), 2] }, {}],
    ['three operands', { '+': [1, 2, 3] }, {}],
  ]);
});

describe('< > <= >= (integers, binary and ternary)', () => {
  check([
    ['0 <= 1', { '<=': [0, 1] }, {}, true],
    ['1 <= 1', { '<=': [1, 1] }, {}, true],
    ['1 <= 0', { '<=': [1, 0] }, {}, false],
    ['1 < 1', { '<': [1, 1] }, {}, false],
    ['2 > 1', { '>': [2, 1] }, {}, true],
    ['1 >= 2', { '>=': [1, 2] }, {}, false],
    ['between: 0 <= 1 <= 2', { '<=': [0, 1, 2] }, {}, true],
    ['between: 0 <= 2 <= 1', { '<=': [0, 2, 1] }, {}, false],
    ['between: 1 <= 0 <= 2', { '<=': [1, 0, 2] }, {}, false],
    ['strictly between: 1 < 1 < 2', { '<': [1, 1, 2] }, {}, false],
    ['doses from the data', { '>=': [v('v.0.dn'), v('v.0.sd')] }, { v: [{ dn: 2, sd: 2 }] }, true],
  ]);
  throws([
    ['null operand', { '<': [v('missing'), 1] }, {}],
    ['a string operand', { '<': ['1', 2] }, {}],
    ['one operand', { '<': [1] }, {}],
    ['four operands', { '<': [1, 2, 3, 4] }, {}],
    ['date-times are not integers', { '<': [pt('2021-01-01', 0, 'day'), pt('2021-01-02', 0, 'day')] }, {}],
  ]);
});

describe('after, before, not-after, not-before (date-times)', () => {
  const a = pt('2021-06-01', 0, 'day');
  const b = pt('2021-06-02T00:00:00Z', 0, 'hour');
  check([
    ['after', { after: [b, a] }, {}, true],
    ['after is strict', { after: [a, a] }, {}, false],
    ['before', { before: [a, b] }, {}, true],
    ['not-after of equal', { 'not-after': [a, a] }, {}, true],
    ['not-before of equal', { 'not-before': [a, a] }, {}, true],
    ['not-before of earlier', { 'not-before': [a, b] }, {}, false],
    ['ternary: a before b before c', { before: [a, b, pt('2021-06-03', 0, 'day')] }, {}, true],
    ['ternary not-after: a <= a <= b', { 'not-after': [a, a, b] }, {}, true],
    ['ternary fails on the second pair', { before: [a, b, a] }, {}, false],
    ['test sampled within 72 hours', { 'not-after': [pt(v('t.sc'), 0, 'hour'), pt(v('clock'), 0, 'hour'), pt(v('t.sc'), 72, 'hour')] }, { t: { sc: '2021-06-01T08:00:00Z' }, clock: '2021-06-03T08:00:00Z' }, true],
  ]);
  throws([
    ['a string is not a date-time', { after: ['2021-06-01', a] }, {}],
    ['null is not a date-time', { before: [v('missing'), a] }, {}],
    ['an integer is not a date-time', { before: [1, a] }, {}],
  ]);
});

describe('plusTime', () => {
  check([
    ['a date as is', pt('2021-06-01', 0, 'day'), {}, '2021-06-01T00:00:00.000Z'],
    ['hours', pt('2021-06-01T10:00:00Z', 72, 'hour'), {}, '2021-06-04T10:00:00.000Z'],
    ['negative days', pt('2021-03-01', -1, 'day'), {}, '2021-02-28T00:00:00.000Z'],
    ['months', pt('2021-01-31', 1, 'month'), {}, '2021-03-03T00:00:00.000Z'],
    ['a year back', pt('2021-06-01T00:00:00Z', -18, 'year'), {}, '2003-06-01T00:00:00.000Z'],
    ['leap day plus a day', pt('2020-02-29', 1, 'day'), {}, '2020-03-01T00:00:00.000Z'],
    ['leap day plus a month', pt('2020-02-29', 1, 'month'), {}, '2020-03-29T00:00:00.000Z'],
    ['leap day plus a year', pt('2020-02-29', 1, 'year'), {}, '2021-03-01T00:00:00.000Z'],
    ['no zone means Z', pt('2021-06-01T12:00:00', 0, 'hour'), {}, '2021-06-01T12:00:00.000Z'],
    ['offset +h', pt('2021-06-01T12:00:00+2', 0, 'hour'), {}, '2021-06-01T10:00:00.000Z'],
    ['offset +hh', pt('2021-06-01T12:00:00+02', 0, 'hour'), {}, '2021-06-01T10:00:00.000Z'],
    ['offset -hmm', pt('2021-06-01T12:00:00-130', 0, 'hour'), {}, '2021-06-01T13:30:00.000Z'],
    ['offset +hhmm', pt('2021-06-01T12:00:00+0530', 0, 'hour'), {}, '2021-06-01T06:30:00.000Z'],
    ['offset +h:mm', pt('2021-06-01T12:00:00+1:00', 0, 'hour'), {}, '2021-06-01T11:00:00.000Z'],
    ['offset -hh:mm', pt('2021-06-01T12:00:00-08:00', 0, 'hour'), {}, '2021-06-01T20:00:00.000Z'],
    ['fractions are cut to milliseconds, rounding down', pt('2021-06-01T12:00:00.1239Z', 0, 'hour'), {}, '2021-06-01T12:00:00.123Z'],
    ['one decimal', pt('2021-06-01T12:00:00.5', 0, 'hour'), {}, '2021-06-01T12:00:00.500Z'],
    ['a partial date YYYY-MM is its last day', pt('2021-02', 0, 'day'), {}, '2021-02-28T00:00:00.000Z'],
    ['a partial date YYYY is 31 December', pt('2004', 0, 'day'), {}, '2004-12-31T00:00:00.000Z'],
    ['a year before 100 is not read as 19xx', pt('0050-06-01', 0, 'day'), {}, '0050-06-01T00:00:00.000Z'],
  ]);
  throws([
    ['a null date', pt(v('missing'), 0, 'day'), {}],
    ['a date-time value (plusTime of plusTime)', pt(pt('2021-01-01', 0, 'day'), 1, 'day'), {}],
    ['an unknown unit', pt('2021-01-01', 1, 'week'), {}],
    ['an amount that is an expression', { plusTime: ['2021-01-01', { '+': [1, 1] }, 'day'] }, {}],
    ['a fractional amount', { plusTime: ['2021-01-01', 1.5, 'day'] }, {}],
    ['a text that is not a date', pt('yesterday', 0, 'day'), {}],
    ['30 February', pt('2021-02-30', 0, 'day'), {}],
    ['month 13', pt('2021-13-01', 0, 'day'), {}],
    ['hour 24', pt('2021-06-01T24:00:00Z', 0, 'hour'), {}],
    ['minutes missing', pt('2021-06-01T12:00Z', 0, 'hour'), {}],
    ['two operands', { plusTime: ['2021-01-01', 1] }, {}],
  ]);
});

describe('dccDateOfBirth', () => {
  const dob = (text: unknown) => ({ dccDateOfBirth: [text] });
  check([
    ['a full date', dob('1998-02-26'), {}, '1998-02-26T00:00:00.000Z'],
    ['YYYY-MM is the last day of the month', dob('1998-02'), {}, '1998-02-28T00:00:00.000Z'],
    ['YYYY-MM in a leap year', dob('2000-02'), {}, '2000-02-29T00:00:00.000Z'],
    ['YYYY is 31 December', dob('1998'), {}, '1998-12-31T00:00:00.000Z'],
    ['a minor: born after the clock minus 18 years', { after: [dob(v('payload.dob')), pt(v('external.validationClock'), -18, 'year')] }, { payload: { dob: '2004' }, external: { validationClock: '2022-06-01T00:00:00Z' } }, true],
    ['an adult by a partial date read beneficially', { after: [dob(v('payload.dob')), pt(v('external.validationClock'), -18, 'year')] }, { payload: { dob: '2003' }, external: { validationClock: '2022-06-01T00:00:00Z' } }, false],
  ]);
  throws([
    ['null', dob(v('missing')), {}],
    ['a date-time string', dob('1998-02-26T00:00:00Z'), {}],
    ['an integer', dob(1998), {}],
    ['a month 00', dob('1998-00'), {}],
  ]);
});

describe('reduce', () => {
  const sum = { reduce: [v('xs'), { '+': [v('accumulator'), v('current')] }, 0] };
  check([
    ['sums', sum, { xs: [1, 2, 3] }, 6],
    ['an empty array is the initial value', sum, { xs: [] }, 0],
    ['null is the initial value', sum, {}, 0],
    ['a lambda sees current and accumulator only', { reduce: [v('xs'), v('outer'), 'init'] }, { xs: [1], outer: 'x' }, null],
    ['any positive test', { reduce: [v('t'), { if: [v('accumulator'), true, { '===': [v('current.tr'), '260373001'] }] }, false] }, { t: [{ tr: '260415000' }, { tr: '260373001' }] }, true],
  ]);
  throws([
    ['a string operand', { reduce: ['abc', v('current'), 0] }, {}],
    ['two operands', { reduce: [v('xs'), v('current')] }, { xs: [] }],
  ]);
});

describe('extractFromUVCI', () => {
  const x = (index: number) => ({ extractFromUVCI: [v(''), index] });
  check([
    ['null is null', x(0), null, null],
    ['index 0 of the empty string', x(0), '', ''],
    ['index 1 of the empty string', x(1), '', null],
    ['a negative index', x(-1), 'URN:UVCI:01:NL:187/37512422923', null],
    ['the prefix is skipped', x(0), 'URN:UVCI:01:NL:187/37512422923', '01'],
    ['country', x(1), 'URN:UVCI:01:NL:187/37512422923', 'NL'],
    ['without the prefix', x(1), '01:AT:10807843F94AEE0EE5093FBC254BD813#B', 'AT'],
    ['after a slash', x(3), 'URN:UVCI:01:NL:187/37512422923', '37512422923'],
    ['after a hash', x(3), 'URN:UVCI:01:AT:10807843F94AEE0EE5093FBC254BD813#B', 'B'],
    ['past the end', x(4), 'URN:UVCI:01:NL:187/37512422923', null],
    ['empty fragments count', x(5), 'a::c/#/f', 'f'],
    ['an empty fragment', x(3), 'a::c/#/f', ''],
    ['a lower-case prefix is not the prefix', x(0), 'urn:uvci:01:NL:x', 'urn'],
    ['the old name works too', { extractFromUCVI: [v(''), 1] }, '01:AT:x', 'AT'],
  ]);
  throws([
    ['an integer operand', { extractFromUVCI: [5, 0] }, {}],
    ['an index that is an expression', { extractFromUVCI: ['a:b', v('i')] }, { i: 0 }],
  ]);
  it('is the function the evaluator uses', () => expect(extractFromUvci('foo/bar::baz#999lizards', 4)).toBe('999lizards'));
});
