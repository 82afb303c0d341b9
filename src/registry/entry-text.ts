// The canonical JSON of a validated entry without its hash (what its hash is taken over), written for the entry's
// known members: canonicalJson sorts every object's keys and checks each one, and in the registry's profile that was
// the largest single cost of checking a batch. Same bytes as hashedText, which tests hold it to.
import { hashedText } from '../common/wire/chain.ts';
import type { WireEntry } from '../common/wire/schemas.ts';

const TOP = ['at', 'day', 'decision', 'direction', 'fever', 'healthCode', 'id', 'identity', 'lane', 'maskWorn', 'otherPhone', 'prevHash', 'reasons', 'seq', 'temperatureC', 'temperatureSource', 'volunteer', 'warnings', 'watch'].sort();
const HEALTH = ['status', 'source', 'reason', 'testAgeHours', 'testBand', 'testResult', 'doses', 'travelFlag', 'cached'].sort();
const KNOWN = new Set([...TOP, 'hash']);

function sortedHealth(h: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of HEALTH) if (h[k] !== undefined) out[k] = h[k];
  return out;
}

const only = (value: unknown, keys: readonly string[]): boolean => {
  for (const k in value as Record<string, unknown>) if (!keys.includes(k)) return false;
  return true;
};
const IDENTITY = ['maskedId'];
const WATCH = ['hits', 'version'];
const HIT = ['kind', 'ref'];

/** Only members it writes, at every depth: anything else is written by hashedText. */
function known(e: WireEntry): boolean {
  for (const k in e) if (!KNOWN.has(k)) return false;
  if (!only(e.healthCode, HEALTH) || !only(e.identity, IDENTITY)) return false;
  return e.watch === undefined || (only(e.watch, WATCH) && e.watch.hits.every((h) => only(h, HIT)));
}

/** hashedText(e) for an entry that passed EntryBatch (zod or the plain check). */
export function entryText(e: WireEntry): string {
  if (!known(e)) return hashedText(e);
  const record = e as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of TOP) {
    const v = record[k];
    if (v === undefined) continue;
    if (k === 'healthCode') out[k] = sortedHealth(e.healthCode as Record<string, unknown>);
    else if (k === 'identity') out[k] = { maskedId: e.identity.maskedId };
    else if (k === 'watch') out[k] = { hits: e.watch!.hits.map((h) => ({ kind: h.kind, ref: h.ref })), version: e.watch!.version };
    else out[k] = v;
  }
  return JSON.stringify(out);
}
