import { z } from 'zod';
import { defineMethods } from './define.ts';
import { ManagerCredentials } from '../console.ts';
import { Scan } from '../devices.ts';
import { Entry, EntryFacts, Lane } from '../entries.ts';
import { CodeCheckStatus, HealthCodeResult } from '../health-code.ts';
import { PeakWindow } from '../policy.ts';
import { PersonMatch } from '../roster.ts';
import { Shift } from '../shifts.ts';

/** The gate's pace over the last 10 minutes; the queue is estimated, no camera counts it. */
export const LiveFigures = z.object({
  lastTenMinutes: z.number().int(),
  medianSeconds: z.number().nullable(),
  /** People waiting, estimated from arrivals and service time; null when too few people to say. */
  queueEstimate: z.number().nullable(),
  /** Arrivals are outpacing the gate: the queue is growing. */
  saturated: z.boolean(),
});
export type LiveFigures = z.infer<typeof LiveFigures>;

export const gateMethods = defineMethods({
  /** Check a scanned code and say what it is; never a colour when the check failed. The checkId is what entries.record cites. */
  'codes.verify': { access: 'volunteer', input: Scan.pick({ text: true }), output: z.object({ checkId: z.string(), result: HealthCodeResult }) },
  /** What stops codes being checked now: for EU DCCs, stale signer keys, rules or revocation list, or a disputed clock. */
  'codes.status': { access: 'volunteer', input: z.object({}).strict(), output: CodeCheckStatus },
  /** Record one pass or refusal; the core decides from the facts and answers only after the row is committed. */
  'entries.record': { access: 'volunteer', input: EntryFacts, output: Entry },
  /** A household passing together (同行人员): one entry per member with a shared group id, each decided on its own. */
  'entries.recordGroup': {
    access: 'volunteer',
    input: z.object({ members: z.array(EntryFacts).min(2).max(12) }),
    output: z.object({ groupId: z.string(), entries: z.array(Entry) }),
  },
  /** Today's entries, newest first. */
  'entries.today': { access: 'volunteer', input: z.object({ limit: z.number().int().min(1).max(1000).default(50) }), output: z.object({ entries: z.array(Entry), total: z.number() }) },
  /** The lane in force now (fast in a peak window), the shift on duty, the policy version and live figures. */
  'gate.status': {
    access: 'volunteer',
    input: z.object({}).strict(),
    output: z.object({ lane: Lane, peakWindow: PeakWindow.nullable(), policyVersion: z.number().int(), shift: Shift.nullable(), shiftRequired: z.boolean(), figures: LiveFigures }),
  },
  /** The roster person a verified code belongs to (by printed card id), or null. */
  'gate.match': { access: 'volunteer', input: z.object({ checkId: z.string().min(1).max(64) }), output: z.object({ match: PersonMatch.nullable() }) },
  /** A manager allows one pass the rules would refuse; entries.record cites the overrideId within 5 minutes. */
  'gate.override.authorize': {
    access: 'manager-or-credentials',
    input: z.object({ manager: ManagerCredentials, reason: z.string().trim().min(2, 'is too short: say why the rules are set aside').max(200) }),
    output: z.object({ overrideId: z.string(), by: z.string(), reason: z.string(), expiresAt: z.string() }),
  },
});
