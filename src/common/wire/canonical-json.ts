// Canonical JSON: both ends hash the same bytes, so a chain verified at the registry means the kiosk's log was not
// altered in between.

/** JSON with object keys sorted at every depth and no whitespace; undefined members are dropped like JSON.stringify. */
export function canonicalJson(value: unknown): string {
  // The registry hashes every entry it receives, and its profile put this first: a copy with the keys inserted in
  // sorted order, written by the engine's own JSON.stringify, is about twice as fast as joining strings by hand.
  const sorted = sortedCopy(value);
  if (sorted === NOT_PLAIN) return byDefinition(value);
  const text = JSON.stringify(sorted);
  if (text === undefined) throw new TypeError('canonicalJson: value is not representable in JSON');
  return text;
}

const NOT_PLAIN = Symbol('not plain JSON data');
// JSON.stringify writes array-index keys ("0", "12") first in numeric order whatever the insertion order, so an object
// with one goes the long way, as does anything JSON.stringify would treat differently (functions, symbols, toJSON),
// and an own "__proto__" key, which assigning would not copy.
const INDEX_KEY = /^(?:0|[1-9]\d*)$/;

function sortedCopy(value: unknown): unknown {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'object':
      break;
    default:
      return NOT_PLAIN;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      const copy = v === undefined ? null : sortedCopy(v);
      if (copy === NOT_PLAIN) return NOT_PLAIN;
      out[i] = copy;
    }
    return out;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = record[k];
    if (v === undefined) continue;
    if (INDEX_KEY.test(k) || k === '__proto__') return NOT_PLAIN; // "__proto__" would set the copy's prototype
    const copy = sortedCopy(v);
    if (copy === NOT_PLAIN) return NOT_PLAIN;
    out[k] = copy;
  }
  return out;
}

/** The definition, one string at a time: for values the fast copy cannot represent. */
function byDefinition(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError('canonicalJson: value is not representable in JSON');
    return text;
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : byDefinition(v))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${byDefinition(record[k])}`).join(',')}}`;
}
