// The one health-code result type used on screen, in the log and at the registry.
import { z } from 'zod';

/** Why a code is invalid: it was read, but it cannot be trusted (not-found: the authority does not know the code). */
export const InvalidReason = z.enum([
  'malformed',
  'bad-signature',
  'unknown-signer',
  'expired',
  'not-yet-valid',
  'stale-trust-list',
  'revoked',
  'format-not-accepted',
  'not-found',
  // Health facts (issue 16 / 12.2): a certificate whose signer may not sign its type, or whose content says "not valid"
  // (a positive or unknown test result, a recovery outside its validity, a business rule that failed).
  'key-usage',
  'content-not-valid',
]);

/** Why a code could not be checked at all: a failure of the check, never of the person. */
export const TechnicalReason = z.enum([
  'timeout',
  'authority-unreachable',
  'authority-error',
  'no-trust-list',
  // EU DCC material (signer keys, rules, revocation list) older than allowed, or a kiosk clock the registry disputes.
  'dcc-material-stale',
  'clock-unverified',
]);

/**
 * Where the result came from: a verified source, the volunteer looking at a phone, or (for people without a phone,
 * issue 15) the district's published status list, which does not hold the person as red or yellow.
 */
export const CodeSource = z.enum(['online', 'offline-signed', 'dcc', 'resident-card', 'manual', 'district-list']);

export const TestResult = z.enum(['negative', 'positive']);
export type TestResult = z.infer<typeof TestResult>;

/** What a volunteer can read off a phone instead of a sampling time: within 24, 48 or 72 hours, or older. */
export const TestAgeBand = z.enum(['24h', '48h', '72h', 'older']);
export type TestAgeBand = z.infer<typeof TestAgeBand>;

/** The last nucleic-acid (PCR) test: when it was sampled (or the band the volunteer saw) and its result. */
export const NucleicAcidTest = z
  .object({
    result: TestResult,
    /** ISO-8601, from a verified source. */
    sampledAt: z.string().optional(),
    /** Recorded by hand from the phone when no sampling time is known. */
    band: TestAgeBand.optional(),
    /** Hours from sampling to the check (whole hours, rounded down); a band counts as its upper end; null: older than 72 h, age unknown. */
    hoursAgo: z.number().min(0).nullable(),
  })
  .refine((t) => t.sampledAt !== undefined || t.band !== undefined, 'a test needs a sampling time or an age band');
export type NucleicAcidTest = z.infer<typeof NucleicAcidTest>;

export const AntigenTest = z.object({ result: TestResult, testedAt: z.string().optional() });
export type AntigenTest = z.infer<typeof AntigenTest>;

export const Vaccination = z.object({
  doses: z.number().int().min(0).max(20),
  /** YYYY-MM-DD of the last dose. */
  lastDoseOn: z.string().optional(),
  /** The source says the series is complete (an EU DCC: dose number >= series doses). */
  seriesComplete: z.boolean().optional(),
});
export type Vaccination = z.infer<typeof Vaccination>;

/** The health facts a source may give beside the colour; each one only when it gives it. */
export const HealthFacts = z.object({
  nucleicAcid: NucleicAcidTest.optional(),
  antigen: AntigenTest.optional(),
  vaccination: Vaccination.optional(),
  /** Visited a medium- or high-risk area in the last 14 days (the travel card's star). */
  travelFlag: z.boolean().optional(),
});
export type HealthFacts = z.infer<typeof HealthFacts>;

/** A business rule of the EU DCC rule set that the certificate failed, with its own description. */
export const FailedRule = z.object({ id: z.string(), description: z.string(), descriptionZh: z.string().optional() });
export type FailedRule = z.infer<typeof FailedRule>;

/** Facts a verified colour may carry; each one only when its source gives it. */
const ColourFacts = {
  source: CodeSource,
  holderName: z.string().optional(),
  checkedAt: z.string(),
  /** When the signed code stops being valid (ISO-8601). */
  expiresAt: z.string().optional(),
  /** When the authority last refreshed the colour (ISO-8601), for online results. */
  refreshedAt: z.string().optional(),
  /** Keyed hash (hex) of the holder's ID number, to compare with the ID document when the kiosk holds the key. */
  idHash: z.string().optional(),
  /** Printed resident card number, so a card can be revoked. */
  cardId: z.string().optional(),
  ...HealthFacts.shape,
  /** An online answer reused while the authority could not be reached: when the authority gave it (ISO-8601). */
  cachedFrom: z.string().optional(),
};

export const HealthCodeResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('green'), ...ColourFacts }),
  z.object({ status: z.literal('yellow'), ...ColourFacts }),
  z.object({ status: z.literal('red'), ...ColourFacts }),
  z.object({ status: z.literal('review'), ...ColourFacts }),
  z.object({
    status: z.literal('invalid'),
    source: CodeSource.optional(),
    reason: InvalidReason,
    detail: z.string(),
    checkedAt: z.string(),
    /** EU DCC business rules that failed, each with its description, for the screen and the operator. */
    failedRules: z.array(FailedRule).optional(),
  }),
  z.object({ status: z.literal('error'), source: CodeSource.optional(), reason: TechnicalReason, detail: z.string(), checkedAt: z.string() }),
]);
export type HealthCodeResult = z.infer<typeof HealthCodeResult>;
export type HealthCodeStatus = HealthCodeResult['status'];
export type ColourResult = Extract<HealthCodeResult, { status: 'green' | 'yellow' | 'red' | 'review' }>;

/** The colours a volunteer may record by hand when no scan could be used. */
export const ManualColour = z.enum(['green', 'yellow', 'red']);
export type ManualColour = z.infer<typeof ManualColour>;

/** What the volunteer saw of the test on the phone: a band, or no test shown. */
export const ManualTestBand = z.enum(['24h', '48h', '72h', 'older', 'none']);
export type ManualTestBand = z.infer<typeof ManualTestBand>;

/** EU DCC material that blocks DCC checking when stale, and the clock check (the screen's banner says which, since when). */
export const DccMaterial = z.enum(['signer-keys', 'rules', 'revocation-list', 'clock']);
export const DccBlock = z.object({ material: DccMaterial, since: z.string().nullable(), detail: z.string() });
export type DccBlock = z.infer<typeof DccBlock>;
export const CodeCheckStatus = z.object({ dcc: z.object({ accepted: z.boolean(), blocks: z.array(DccBlock) }) });
export type CodeCheckStatus = z.infer<typeof CodeCheckStatus>;
