// The entry log: one row per person per pass or refusal.
import { z } from 'zod';
import { HealthCodeResult, ManualColour, ManualTestBand } from './health-code.ts';
import { WatchHit } from './watch.ts';

export const Direction = z.enum(['in', 'out']);
export type Direction = z.infer<typeof Direction>;

export const Lane = z.enum(['standard', 'fast']);
export type Lane = z.infer<typeof Lane>;

export const Decision = z.enum(['pass', 'refuse']);
export type Decision = z.infer<typeof Decision>;

/** Every reason a person can be refused; the screen and the log name each one that applied. */
export const RefusalReason = z.enum([
  'code-red',
  'code-yellow',
  'code-review',
  'code-invalid',
  'code-not-verified',
  'fever',
  'temperature-missing',
  'mask-missing',
  'identity-missing',
  'details-missing',
  /** The colour is older than the policy's freshness allows. */
  'code-stale',
  /** The code came from a source the policy does not accept. */
  'code-format-not-accepted',
  'visitors-not-allowed',
  /** The household used its outings for the policy's period. */
  'outing-quota',
  // Health facts the policy requires beside a green colour (issue 16).
  /** No nucleic-acid test result (and no antigen test standing in for it). */
  'test-missing',
  /** The last test is older than the policy's hours. */
  'test-too-old',
  'test-positive',
  'antigen-positive',
  /** Fewer vaccine doses than the policy's minimum. */
  'doses-missing',
  /** Visited a medium/high-risk area in the last 14 days, and the policy refuses it. */
  'travel-flag',
  // District watch lists (issue 17): listed red/yellow people are refused with the code colour's own reason.
  /** Under home quarantine on the district's list, going out. */
  'watch-quarantine',
  /** The household is under home quarantine on the district's list, going out. */
  'watch-household-quarantine',
  // No phone (issue 15).
  /** The policy's no-code lane is closed, or not for this person (over 60, under 14, registered without a phone). */
  'no-phone-not-allowed',
  /** The policy refuses a household together when one member is refused. */
  'group-member-refused',
]);
export type RefusalReason = z.infer<typeof RefusalReason>;

/** What passes but must be said: shown on screen and kept in the log. */
export const DecisionWarning = z.enum(['travel-flag']);
export type DecisionWarning = z.infer<typeof DecisionWarning>;

export const TemperatureSource = z.enum(['device', 'manual']);

export const Temperature = z.object({
  bodyC: z.number().min(30).max(45),
  objectC: z.number().optional(),
  ambientC: z.number().optional(),
  source: TemperatureSource,
});
export type Temperature = z.infer<typeof Temperature>;

/** Who the person said they are, as recorded at the gate. */
export const Identity = z.object({
  name: z.string().trim().max(60).optional(),
  /** Shown masked; the full number never leaves the core. */
  maskedId: z.string().max(40).optional(),
});
export type Identity = z.infer<typeof Identity>;

/** Who a person is to the compound: matched on the roster, a recorded visitor, or not identified. */
export const PersonKind = z.enum(['resident', 'commuter', 'visitor', 'unknown']);
export type PersonKind = z.infer<typeof PersonKind>;

/** The screen cites a roster or visitor record; the core looks it up, so a household cannot be made up at the gate. */
export const PersonFacts = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('resident'), residentId: z.string().min(1).max(64) }),
  z.object({ kind: z.literal('visitor'), visitorId: z.string().min(1).max(64) }),
]);
export type PersonFacts = z.infer<typeof PersonFacts>;

/** The person as recorded in the entry. */
export const PersonRecord = z.object({
  kind: PersonKind,
  /** Resident or visitor record id. */
  id: z.string().nullable(),
  householdId: z.string().nullable(),
  /** Building-unit-room, as shown on screen. */
  household: z.string().nullable(),
});
export type PersonRecord = z.infer<typeof PersonRecord>;

/** A manager-authorised pass: who allowed it and why. */
export const OverrideRecord = z.object({ id: z.string(), by: z.string(), reason: z.string() });
export type OverrideRecord = z.infer<typeof OverrideRecord>;

/** What the volunteer gathered at the gate; the core decides from these facts alone. */
export const EntryFacts = z.object({
  direction: Direction,
  lane: Lane.default('standard'),
  identity: Identity,
  code: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('manual'),
      colour: ManualColour,
      why: z.string().trim().min(1).max(200),
      scanText: z.string().max(4096).optional(),
      /** The test age the phone shows; absent when the volunteer was not asked. */
      testBand: ManualTestBand.optional(),
    }),
    /** A code the core checked with codes.verify: the screen cites the check and cannot make a colour up. */
    z.object({ kind: z.literal('verified'), checkId: z.string().min(1).max(64) }),
    /**
     * No phone (issue 15): the person passes on an ID card or typed number (cited by its readId) through the policy's
     * no-code lane; the status comes from the district's list where one is published, else the colour the volunteer
     * records by the manual path, with why.
     */
    z.object({
      kind: z.literal('no-phone'),
      readId: z.string().min(1).max(64),
      colour: ManualColour.optional(),
      why: z.string().trim().min(1).max(200).optional(),
    }),
  ]),
  temperature: Temperature.optional(),
  maskWorn: z.boolean().optional(),
  person: PersonFacts.optional(),
  /** Vehicle plate when the person came through in a vehicle. */
  plate: z.string().trim().min(2).max(12).optional(),
  /** Cites a manager's authorisation from gate.override.authorize. */
  overrideId: z.string().min(1).max(64).optional(),
  /** Milliseconds from the first scan to this record, for the live figures. */
  durationMs: z.number().int().min(0).max(3_600_000).optional(),
  /** Chosen by the screen once per person (issue 14.7): a call retried after a lost answer returns the entry the first
   * call recorded instead of recording the person twice. */
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8 to 64 letters, digits, - or _').optional(),
  /** The volunteer says the code was shown on another person's phone (a relative's code, 亲属码). */
  codeOnOtherPhone: z.boolean().optional(),
  /** The code's holder differs from the person chosen, and the volunteer confirmed the code is theirs (issue 13.2). */
  holderConfirmed: z.boolean().optional(),
  /** An ID card read for this person (issue 15): the entry records that identity was asked by card. */
  cardReadId: z.string().min(1).max(64).optional(),
});
export type EntryFacts = z.input<typeof EntryFacts>;

/** The code's holder beside the person recorded: the same name, or a different one the volunteer confirmed. */
export const HolderCheck = z.enum(['same', 'confirmed']);
export type HolderCheck = z.infer<typeof HolderCheck>;

export const Entry = z.object({
  id: z.string(),
  at: z.string(),
  direction: Direction,
  lane: Lane,
  identity: Identity,
  code: HealthCodeResult,
  /** Why the volunteer recorded the colour by hand instead of a verified scan. */
  manualReason: z.string().nullable(),
  temperature: Temperature.nullable(),
  maskWorn: z.boolean().nullable(),
  decision: Decision,
  reasons: z.array(RefusalReason),
  volunteer: z.string(),
  person: PersonRecord.optional(),
  plate: z.string().nullable().optional(),
  shiftId: z.string().nullable().optional(),
  override: OverrideRecord.nullable().optional(),
  durationMs: z.number().nullable().optional(),
  policyVersion: z.number().nullable().optional(),
  /** What passed with a warning (e.g. a travel flag the policy only warns about). */
  warnings: z.array(DecisionWarning).optional(),
  /** The code was shown on another person's phone, as the volunteer said. */
  codeOnOtherPhone: z.boolean().optional(),
  /** A district watch-list match (issue 17): the list version and rows; absent when the person is on no list. */
  watch: WatchHit.nullable().optional(),
  /** Whose code it was (issue 13.2); absent when there was no holder name or person name to compare. */
  holderCheck: HolderCheck.optional(),
  /** Shared by the members of a household recorded together (同行人员, issue 15); absent for one person. */
  groupId: z.string().nullable().optional(),
});
export type Entry = z.infer<typeof Entry>;
