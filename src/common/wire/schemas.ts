// The kiosk ↔ registry wire protocol, defined once and validated at both ends.
import { z } from 'zod';
import { Decision, Direction } from '../contract/entries.ts';
import { WatchHit } from '../contract/watch.ts';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex characters (SHA-256)');
// A batch carries hundreds of entries of a few days: each day is worked out once (in the registry's profile these date
// checks were a large share of validating a batch). The memo is cleared at 512 days, so odd input cannot grow it.
const dayStarts = new Map<string, number | null>();
/** Midnight UTC of a YYYY-MM-DD calendar day in ms, or null when there is no such day (2026-02-30). */
function calendarDayMs(d: string): number | null {
  let ms = dayStarts.get(d);
  if (ms === undefined) {
    const parsed = Date.parse(`${d}T00:00:00Z`);
    ms = !Number.isNaN(parsed) && new Date(parsed).toISOString().startsWith(d) ? parsed : null;
    if (dayStarts.size >= 512) dayStarts.clear();
    dayStarts.set(d, ms);
  }
  return ms;
}

/** Date.parse(`${d}T12:00:00Z`), from the memo when d is a calendar day. */
function noonOf(d: string): number {
  const start = calendarDayMs(d);
  return start === null ? Date.parse(`${d}T12:00:00Z`) : start + 12 * 3600_000;
}

export const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A YYYY-MM-DD string names a day of the calendar (not 2026-02-30). */
export const isCalendarDay = (d: string): boolean => calendarDayMs(d) !== null;
/** An entry's day is the kiosk's local calendar day of its at: within 36 hours of the day's noon UTC. */
export const dayFitsAt = (day: string, at: string): boolean => Math.abs(noonOf(day) - Date.parse(at)) <= 36 * 3600_000;

export const IsoDay = z.string().regex(ISO_DAY, 'must be a date YYYY-MM-DD').refine(isCalendarDay, 'is not a calendar date');

/** The prevHash of the first entry a kiosk ever records. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * What a kiosk records about one passage, as the registry receives it. The identity travels masked as the kiosk
 * shows it; names stay at the gate. Free-text enums (lane, code status, reasons) are strings so an older registry
 * still accepts entries from a newer kiosk.
 */
export const EntryFields = z.object({
  id: z.uuid(),
  at: z.iso.datetime({ offset: true }),
  /** The kiosk's local calendar day of `at`: statistics and partitions follow the gate's day, not UTC. */
  day: IsoDay,
  direction: Direction,
  lane: z.string().min(1).max(16),
  identity: z.object({ maskedId: z.string().max(40).nullable() }),
  healthCode: z.object({
    status: z.string().min(1).max(16),
    source: z.string().max(32).nullable(),
    reason: z.string().max(32).nullable(),
    // Health facts as figures, no names (issue 16); present only when the code gave them, so older entries hash as before.
    /** Whole hours from the last test's sampling to the check; null: a test older than the bands, age unknown. */
    testAgeHours: z.number().int().min(0).max(100_000).nullable().optional(),
    /** The band the volunteer read off the phone ("24h", "48h", "72h", "older"). */
    testBand: z.string().max(8).optional(),
    testResult: z.string().max(16).optional(),
    doses: z.number().int().min(0).max(20).optional(),
    travelFlag: z.boolean().optional(),
    /** An online answer reused while the authority could not be reached. */
    cached: z.boolean().optional(),
  }),
  temperatureC: z.number().min(25).max(50).nullable(),
  temperatureSource: z.enum(['device', 'manual']).nullable(),
  fever: z.boolean(),
  maskWorn: z.boolean().nullable(),
  decision: Decision,
  reasons: z.array(z.string().min(1).max(64)).max(16),
  /** Who was on shift at the lane. */
  volunteer: z.string().max(64),
  /** Passed with these warnings (e.g. a travel flag); present only when there were some. */
  warnings: z.array(z.string().min(1).max(64)).max(8).optional(),
  /** The code was shown on another person's phone (a relative's code); present only when so. */
  otherPhone: z.literal(true).optional(),
  /** A district watch-list match: the list version and rows (absent when none; absent keys leave old hashes as they were). */
  watch: WatchHit.optional(),
});
export type EntryFields = z.infer<typeof EntryFields>;

/** An entry with its place in the kiosk's chain: hash = SHA-256(canonical JSON of everything but `hash`). */
export const WireEntry = EntryFields.extend({
  seq: z.number().int().min(1),
  prevHash: Hex64,
  hash: Hex64,
}).refine((e) => dayFitsAt(e.day, e.at), {
  message: 'day must be the local calendar day of at',
  path: ['day'],
});
export type WireEntry = z.infer<typeof WireEntry>;

export const MAX_BATCH = 1000;

/** One upload: consecutive entries of the signed-in kiosk, oldest first. */
export const EntryBatch = z.object({
  entries: z
    .array(WireEntry)
    .min(1)
    .max(MAX_BATCH)
    .refine((es) => new Set(es.map((e) => e.id)).size === es.length, 'entry ids must be unique within a batch')
    .refine((es) => new Set(es.map((e) => e.seq)).size === es.length, 'sequence numbers must be unique within a batch'),
});
export type EntryBatch = z.infer<typeof EntryBatch>;

export const ChainProblemKind = z.enum([
  /** Entries the chain says exist but the registry never received. */
  'gap',
  /** The entry's content does not match its own hash. */
  'bad-hash',
  /** The entry's prevHash is not the hash of the entry before it. */
  'broken-link',
  /** Two different entries claim the same id or the same sequence number. */
  'conflict',
  /** The kiosk started a new chain from an empty database (its old one was lost or deliberately replaced). */
  'restart',
]);
export const ChainProblem = z.object({
  kind: ChainProblemKind,
  kioskId: z.string(),
  fromSeq: z.number().int(),
  toSeq: z.number().int(),
  entryId: z.string().nullable(),
  detail: z.string(),
  /** Which of the kiosk's chains: the entry log (when absent) or the audit log. */
  log: z.enum(['entries', 'audit']).optional(),
});
export type ChainProblem = z.infer<typeof ChainProblem>;

/** The registry's answer: every id of the batch lands in exactly one of stored, duplicates, conflicts. */
export const BatchAnswer = z.object({
  stored: z.array(z.string()),
  duplicates: z.array(z.string()),
  conflicts: z.array(z.string()),
  problems: z.array(ChainProblem),
});
export type BatchAnswer = z.infer<typeof BatchAnswer>;

/** A kiosk that started over from an empty database says so when it enrols again, so the district knows why. */
export const ChainRestartNotice = z.object({ at: z.iso.datetime({ offset: true }), reason: z.string().min(1).max(500) });
export type ChainRestartNotice = z.infer<typeof ChainRestartNotice>;

export const EnrolRequest = z.object({ code: z.string().min(6).max(64), kioskName: z.string().min(1).max(64), chainRestart: ChainRestartNotice.optional() });
export const EnrolAnswer = z.object({
  kioskId: z.string(),
  secret: z.string(),
  compoundId: z.string(),
  district: z.string(),
});
export type EnrolAnswer = z.infer<typeof EnrolAnswer>;

export const DownlinkKind = z.enum(['policy', 'trust-list', 'revoked-cards']);
export type DownlinkKind = z.infer<typeof DownlinkKind>;
/** A versioned document the district sends down to kiosks. */
export const DownlinkDoc = z.object({
  kind: DownlinkKind,
  version: z.number().int().min(0),
  updatedAt: z.string().nullable(),
  content: z.unknown(),
});
export type DownlinkDoc = z.infer<typeof DownlinkDoc>;
export const RevokedCards = z.object({ cardIds: z.array(z.string().min(1).max(64)) });

/** A kiosk's own count of its day, sent at end of day so the district sees it even if entries lag. */
export const DailyReport = z.object({
  day: IsoDay,
  entries: z.number().int().min(0),
  refusals: z.number().int().min(0),
  refusalsByReason: z.record(z.string().max(64), z.number().int().min(0)),
  fevers: z.number().int().min(0),
});
export type DailyReport = z.infer<typeof DailyReport>;

export const ErrorAnswer = z.object({ error: z.string() });
