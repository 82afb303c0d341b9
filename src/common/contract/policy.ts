// The gate policy: the rules applied are exactly these, nothing added at the gate.
import { z } from 'zod';
import { Direction, PersonKind } from './entries.ts';
import { CodeSource } from './health-code.ts';

/** 24-hour wall-clock time in the compound's time zone. */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time HH:MM, e.g. 07:00');
export type ClockTime = z.infer<typeof ClockTime>;

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export const Weekday = z.number().int().min(1).max(7);

/**
 * A rush-hour window in local time: start inclusive, end exclusive. An end before the start runs past midnight
 * into the next day; `days` name the days the window starts on (every day when absent).
 */
export const PeakWindow = z
  .object({
    start: ClockTime,
    end: ClockTime,
    days: z.array(Weekday).min(1).max(7).optional(),
  })
  .refine((w) => w.start !== w.end, { message: 'start and end must differ (a window of no length never applies)', path: ['end'] });
export type PeakWindow = z.infer<typeof PeakWindow>;

/** Lockdown rule: at most `members` outings of a household within `everyDays` local days (today included). */
export const OutingQuota = z.object({
  members: z.number().int().min(1).max(20),
  everyDays: z.number().int().min(1).max(60),
  /** Pre-registered commuters go to work without using the household's quota. */
  exemptCommuters: z.boolean().default(true),
});
export type OutingQuota = z.infer<typeof OutingQuota>;

/** Checks that also apply on the way out; identity and details always do. */
export const OutgoingCheck = z.enum(['code', 'temperature', 'mask']);
export type OutgoingCheck = z.infer<typeof OutgoingCheck>;

// --- Health facts (issue 16): what a code must also show, per direction and per person kind. ---

/**
 * What the health facts must show for the people a rule applies to. Tests: none (null), 24, 48, 72 hours or any other
 * number (custom); a negative antigen test may stand in for the nucleic-acid test; a minimum number of vaccine doses;
 * and whether a travel flag (a medium/high-risk area in the last 14 days) refuses, only warns, or is ignored.
 */
export const HealthRequirement = z.object({
  maxTestAgeHours: z.number().int().min(1).max(720).nullable().default(null),
  antigenSubstitutes: z.boolean().default(false),
  minDoses: z.number().int().min(0).max(10).default(0),
  travelFlag: z.enum(['refuse', 'warn', 'ignore']).default('warn'),
});
export type HealthRequirement = z.infer<typeof HealthRequirement>;

/** A requirement for some directions and person kinds; the first rule that matches a person applies. */
export const HealthRequirementRule = HealthRequirement.extend({
  directions: z.array(Direction).min(1).default(['in', 'out']),
  personKinds: z.array(PersonKind).min(1).default(['resident', 'commuter', 'visitor', 'unknown']),
});
export type HealthRequirementRule = z.infer<typeof HealthRequirementRule>;
export type HealthRequirementRuleInput = z.input<typeof HealthRequirementRule>;

/** Why a person may pass without a health code on their phone (national guidance: the elderly, children, people without a smartphone). */
export const NoPhoneBasis = z.enum(['over-60', 'under-14', 'registered-no-phone']);
export type NoPhoneBasis = z.infer<typeof NoPhoneBasis>;

/** The no-code lane (issue 15): whether it is open and for whom; their status comes from the district's list where one is published. */
export const NoPhoneLane = z.object({
  open: z.boolean().default(true),
  for: z.array(NoPhoneBasis).default(['over-60', 'under-14', 'registered-no-phone']),
});
export type NoPhoneLane = z.infer<typeof NoPhoneLane>;

export const Policy = z.object({
  /** At or above this body temperature a person is refused (after a second measurement). */
  feverLineC: z.number().min(36.5).max(39).default(37.3),
  /** A colour the authority last refreshed longer ago than this is refused as stale. */
  codeFreshnessMinutes: z.number().int().min(1).max(10_080).default(1440),
  /** Where a colour may come from; 'manual' is the volunteer looking at a phone. */
  acceptedCodeSources: z.array(CodeSource).min(1).default(['online', 'offline-signed', 'dcc', 'resident-card', 'manual']),
  visitorsAllowed: z.boolean().default(true),
  outingQuota: OutingQuota.nullable().default(null),
  checksOnTheWayOut: z.array(OutgoingCheck).default([]),
  /** Rush hours: pre-registered commuters go through the fast lane. */
  peakWindows: z.array(PeakWindow).max(12).default([]),
  /** Health facts required beside a green colour; none when empty (issue 16). */
  healthRequirements: z.array(HealthRequirementRule).max(16).default([]),
  /** While the authority cannot be reached, an online answer for the same code may be reused this many minutes (0: never). */
  onlineCacheMinutes: z.number().int().min(0).max(720).default(0),
  noPhoneLane: NoPhoneLane.default({ open: true, for: ['over-60', 'under-14', 'registered-no-phone'] }),
  /** A household passing together (同行人员): whether one member refused refuses the whole group. */
  householdGroups: z.object({ refuseAllWhenOneRefused: z.boolean().default(false) }).default({ refuseAllWhenOneRefused: false }),
});
export type Policy = z.infer<typeof Policy>;
export type PolicyInput = z.input<typeof Policy>;

/** One saved version of the policy, with who changed it and when. */
export const PolicyVersion = z.object({
  version: z.number().int().min(0),
  policy: Policy,
  changedBy: z.string(),
  changedAt: z.string(),
  note: z.string().nullable(),
});
export type PolicyVersion = z.infer<typeof PolicyVersion>;
