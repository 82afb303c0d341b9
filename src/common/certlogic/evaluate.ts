// A CertLogic evaluator (the EU DCC's JsonLogic subset, specification 1.3.2), written from the specification: every
// operation it names, each with its operand rules. A valid expression always evaluates; an invalid one, or a type
// mismatch found while evaluating, throws CertLogicError (a rule that throws counts as failed, see rules.ts).
import { dccDateOfBirth, plusTime, TIME_UNITS, type TimeUnit } from './dates.ts';
import { boolsiness, CertLogicError, describe, isDateTime, isInt } from './values.ts';

export const SPECIFICATION_VERSION = '1.3.2';

const COMPARISONS = ['<', '>', '<=', '>='] as const;
const DATE_COMPARISONS = { after: '>', before: '<', 'not-after': '<=', 'not-before': '>=' } as const;
type Comparison = (typeof COMPARISONS)[number];

const fail = (message: string): never => {
  throw new CertLogicError(message);
};

/** `var`: a dotted path into the data; a missing property, index or a step through null is null. */
function access(data: unknown, path: unknown): unknown {
  if (typeof path !== 'string' && !isInt(path)) return fail(`"var" takes a path string, got ${describe(path)}`);
  const text = String(path);
  if (text === '') return data;
  let current: unknown = data;
  for (const fragment of text.split('.')) {
    if (current === null || current === undefined) return null;
    if (Array.isArray(current)) {
      current = /^\d+$/.test(fragment) ? current[Number(fragment)] : undefined;
    } else if (typeof current === 'object' && !isDateTime(current)) {
      // Own properties only: a path like "constructor" must not reach into JavaScript's prototypes.
      current = Object.hasOwn(current, fragment) ? (current as Record<string, unknown>)[fragment] : undefined;
    } else {
      return null;
    }
  }
  return current === undefined ? null : current;
}

function compare(operator: Comparison, values: unknown[]): boolean {
  const holds = (l: number, r: number) => (operator === '<' ? l < r : operator === '>' ? l > r : operator === '<=' ? l <= r : l >= r);
  const numbers = values as number[];
  return holds(numbers[0]!, numbers[1]!) && (numbers.length === 2 || holds(numbers[1]!, numbers[2]!));
}

function arity(operator: string, operands: unknown[], allowed: readonly number[] | 'at-least-2'): void {
  const ok = allowed === 'at-least-2' ? operands.length >= 2 : allowed.includes(operands.length);
  if (!ok) fail(`"${operator}" takes ${allowed === 'at-least-2' ? 'at least 2' : allowed.join(' or ')} operands, got ${operands.length}`);
}

/** Truthy or falsy, else an error: operations that branch on a value refuse values that are neither. */
function truth(operator: string, value: unknown): boolean {
  const b = boolsiness(value);
  return b === undefined ? fail(`"${operator}" needs a truthy or falsy value, got ${describe(value)}`) : b;
}

function evaluateOperation(operator: string, operands: unknown[], data: unknown): unknown {
  const ev = (expression: unknown, context: unknown = data) => evaluate(expression, context);
  switch (operator) {
    case 'if': {
      arity(operator, operands, [3]);
      // Only the branch taken is evaluated.
      return truth('if', ev(operands[0])) ? ev(operands[1]) : ev(operands[2]);
    }
    case 'and': {
      arity(operator, operands, 'at-least-2');
      // Lazy and in order: the first falsy operand is the answer, else the last one.
      let last: unknown = true;
      for (const operand of operands) {
        last = ev(operand);
        if (!truth('and', last)) return last;
      }
      return last;
    }
    case '!': {
      arity(operator, operands, [1]);
      return !truth('!', ev(operands[0]));
    }
    case '===': {
      arity(operator, operands, [2]);
      return ev(operands[0]) === ev(operands[1]);
    }
    case 'in': {
      arity(operator, operands, [2]);
      const [needle, haystack] = [ev(operands[0]), ev(operands[1])];
      if (!Array.isArray(haystack)) return fail(`the right-hand side of "in" must be an array, got ${describe(haystack)}`);
      return haystack.includes(needle);
    }
    case '+': {
      arity(operator, operands, [2]);
      const [l, r] = [ev(operands[0]), ev(operands[1])];
      if (!isInt(l) || !isInt(r)) return fail(`"+" adds integers, got ${describe(l)} and ${describe(r)}`);
      return l + r;
    }
    case '<':
    case '>':
    case '<=':
    case '>=': {
      arity(operator, operands, [2, 3]);
      const values = operands.map((o) => ev(o));
      if (!values.every(isInt)) return fail(`"${operator}" compares integers, got ${values.map(describe).join(', ')}`);
      return compare(operator, values);
    }
    case 'after':
    case 'before':
    case 'not-after':
    case 'not-before': {
      arity(operator, operands, [2, 3]);
      const values = operands.map((o) => ev(o));
      if (!values.every(isDateTime)) return fail(`"${operator}" compares date-times (made with plusTime or dccDateOfBirth), got ${values.map(describe).join(', ')}`);
      return compare(DATE_COMPARISONS[operator], (values as Date[]).map((d) => d.getTime()));
    }
    case 'plusTime': {
      arity(operator, operands, [3]);
      const [, amount, unit] = operands;
      if (!isInt(amount)) return fail(`the amount of "plusTime" must be an integer literal, got ${describe(amount)}`);
      if (!(TIME_UNITS as readonly unknown[]).includes(unit)) return fail(`the unit of "plusTime" must be one of ${TIME_UNITS.join(', ')}, got ${describe(unit)}`);
      const text = ev(operands[0]);
      if (typeof text !== 'string') return fail(`"plusTime" takes a date(-time) string, got ${describe(text)}`);
      return plusTime(text, amount, unit as TimeUnit);
    }
    case 'dccDateOfBirth': {
      arity(operator, operands, [1]);
      const text = ev(operands[0]);
      if (typeof text !== 'string') return fail(`"dccDateOfBirth" takes a string, got ${describe(text)}`);
      return dccDateOfBirth(text);
    }
    case 'reduce': {
      arity(operator, operands, [3]);
      const [list, lambda, initial] = operands;
      const items = ev(list);
      // A missing array reduces to the initial value; anything else that is not an array is a mistake.
      if (items === null) return ev(initial);
      if (!Array.isArray(items)) return fail(`"reduce" folds an array, got ${describe(items)}`);
      return items.reduce((accumulator: unknown, current: unknown) => ev(lambda, { current, accumulator }), ev(initial));
    }
    case 'extractFromUVCI':
    case 'extractFromUCVI': {
      arity(operator, operands, [2]);
      const index = operands[1];
      if (!isInt(index)) return fail(`the index of "extractFromUVCI" must be an integer literal, got ${describe(index)}`);
      const uvci = ev(operands[0]);
      if (uvci !== null && typeof uvci !== 'string') return fail(`"extractFromUVCI" takes a string or null, got ${describe(uvci)}`);
      return extractFromUvci(uvci, index);
    }
    default:
      return fail(`unknown operation "${operator}"`);
  }
}

/** Fragment `index` of a UCI split on / # and :, after an optional URN:UVCI: prefix; null when there is none. */
export function extractFromUvci(uvci: string | null, index: number): string | null {
  if (uvci === null || index < 0) return null;
  const body = uvci.startsWith('URN:UVCI:') ? uvci.slice('URN:UVCI:'.length) : uvci;
  return body.split(/[/#:]/)[index] ?? null;
}

/** Evaluates a CertLogic expression against a data context. Throws CertLogicError; never returns undefined. */
export function evaluate(expression: unknown, data: unknown): unknown {
  if (typeof expression === 'string' || typeof expression === 'boolean' || isInt(expression)) return expression;
  if (Array.isArray(expression)) return expression.map((item) => evaluate(item, data));
  if (expression === null || typeof expression !== 'object') return fail(`not a CertLogic expression: ${describe(expression)} (null, fractions and object literals are not allowed)`);
  const entries = Object.entries(expression);
  if (entries.length !== 1) return fail(`an operation object has exactly one key, got ${entries.length}`);
  const [operator, operands] = entries[0]!;
  if (operator === 'var') return access(data, operands);
  if (!Array.isArray(operands) || operands.length === 0) return fail(`"${operator}" is not of the form {"${operator}": [operands...]}`);
  return evaluateOperation(operator, operands, data);
}
