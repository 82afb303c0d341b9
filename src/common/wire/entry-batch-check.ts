// The entry batch every kiosk sends, checked by hand: in the registry's profile zod's EntryBatch was about a quarter
// of its CPU per entry. It only ever says yes or "ask zod": a batch it passes is one EntryBatch accepts and returns
// unchanged (no unknown key to strip), and everything else goes through zod, so the refusals and their messages stay
// zod's. Tests hold the two to that, field by field.
import { z } from 'zod';
import { Decision, Direction } from '../contract/entries.ts';
import { WatchKind } from '../contract/watch.ts';
import { dayFitsAt, isCalendarDay, ISO_DAY, MAX_BATCH, type EntryBatch, type WireEntry } from './schemas.ts';

// The patterns zod itself uses for z.uuid() and z.iso.datetime({ offset: true }).
const UUID = z.regexes.uuid();
const DATETIME = z.regexes.datetime({ offset: true });
const HEX64 = /^[0-9a-f]{64}$/;

const ENTRY_KEYS = new Set([
  'id', 'at', 'day', 'direction', 'lane', 'identity', 'healthCode', 'temperatureC', 'temperatureSource', 'fever', 'maskWorn',
  'decision', 'reasons', 'volunteer', 'warnings', 'otherPhone', 'watch', 'seq', 'prevHash', 'hash',
]);
const HEALTH_KEYS = new Set(['status', 'source', 'reason', 'testAgeHours', 'testBand', 'testResult', 'doses', 'travelFlag', 'cached']);
const DIRECTIONS: readonly unknown[] = Direction.options;
const DECISIONS: readonly unknown[] = Decision.options;
const WATCH_KINDS: readonly unknown[] = WatchKind.options;

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const onlyKeys = (o: Obj, allowed: ReadonlySet<string>): boolean => {
  for (const k in o) if (!allowed.has(k)) return false;
  return true;
};
const text = (v: unknown, min: number, max: number): boolean => typeof v === 'string' && v.length >= min && v.length <= max;
const int = (v: unknown, min: number, max: number): boolean => Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max;
const texts = (v: unknown, maxItems: number): boolean => {
  if (!Array.isArray(v) || v.length > maxItems) return false;
  for (const s of v) if (!text(s, 1, 64)) return false;
  return true;
};

function plainHealthCode(h: unknown): boolean {
  if (!isObject(h) || !onlyKeys(h, HEALTH_KEYS)) return false;
  return (
    text(h.status, 1, 16) &&
    (h.source === null || text(h.source, 0, 32)) &&
    (h.reason === null || text(h.reason, 0, 32)) &&
    (h.testAgeHours === undefined || h.testAgeHours === null || int(h.testAgeHours, 0, 100_000)) &&
    (h.testBand === undefined || text(h.testBand, 0, 8)) &&
    (h.testResult === undefined || text(h.testResult, 0, 16)) &&
    (h.doses === undefined || int(h.doses, 0, 20)) &&
    (h.travelFlag === undefined || typeof h.travelFlag === 'boolean') &&
    (h.cached === undefined || typeof h.cached === 'boolean')
  );
}

function plainWatch(w: unknown): boolean {
  if (!isObject(w) || !onlyKeys(w, WATCH_KEYS) || !int(w.version, 1, Number.MAX_SAFE_INTEGER)) return false;
  const hits = w.hits;
  if (!Array.isArray(hits) || hits.length < 1 || hits.length > 8) return false;
  for (const hit of hits) if (!isObject(hit) || !onlyKeys(hit, HIT_KEYS) || !WATCH_KINDS.includes(hit.kind) || !int(hit.ref, 1, Number.MAX_SAFE_INTEGER)) return false;
  return true;
}
const WATCH_KEYS = new Set(['version', 'hits']);
const HIT_KEYS = new Set(['kind', 'ref']);

/** True when zod's WireEntry accepts e and returns it unchanged; false says nothing (zod decides). */
export function isPlainWireEntry(e: unknown): e is WireEntry {
  if (!isObject(e) || !onlyKeys(e, ENTRY_KEYS)) return false;
  const { identity, temperatureC: t, temperatureSource: ts } = e;
  return (
    typeof e.id === 'string' && UUID.test(e.id) &&
    typeof e.at === 'string' && DATETIME.test(e.at) &&
    typeof e.day === 'string' && ISO_DAY.test(e.day) && isCalendarDay(e.day) &&
    DIRECTIONS.includes(e.direction) &&
    text(e.lane, 1, 16) &&
    isObject(identity) && onlyKeys(identity, IDENTITY_KEYS) && (identity.maskedId === null || text(identity.maskedId, 0, 40)) &&
    plainHealthCode(e.healthCode) &&
    (t === null || (typeof t === 'number' && t >= 25 && t <= 50)) &&
    (ts === null || ts === 'device' || ts === 'manual') &&
    typeof e.fever === 'boolean' &&
    (e.maskWorn === null || typeof e.maskWorn === 'boolean') &&
    DECISIONS.includes(e.decision) &&
    texts(e.reasons, 16) &&
    text(e.volunteer, 0, 64) &&
    (e.warnings === undefined || texts(e.warnings, 8)) &&
    (e.otherPhone === undefined || e.otherPhone === true) &&
    (e.watch === undefined || plainWatch(e.watch)) &&
    int(e.seq, 1, Number.MAX_SAFE_INTEGER) &&
    typeof e.prevHash === 'string' && HEX64.test(e.prevHash) &&
    typeof e.hash === 'string' && HEX64.test(e.hash) &&
    dayFitsAt(e.day, e.at)
  );
}
const IDENTITY_KEYS = new Set(['maskedId']);
const BATCH_KEYS = new Set(['entries']);

/** True when zod's EntryBatch accepts the parsed body and returns it unchanged. */
export function isPlainEntryBatch(body: unknown): body is EntryBatch {
  if (!isObject(body) || !onlyKeys(body, BATCH_KEYS)) return false;
  const entries = body.entries;
  if (!Array.isArray(entries) || entries.length < 1 || entries.length > MAX_BATCH) return false;
  const ids = new Set<unknown>();
  const seqs = new Set<unknown>();
  for (const e of entries) {
    if (!isPlainWireEntry(e)) return false;
    ids.add(e.id);
    seqs.add(e.seq);
  }
  return ids.size === entries.length && seqs.size === entries.length;
}
