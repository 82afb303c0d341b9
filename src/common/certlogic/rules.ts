// An EU DCC business-rule set (the gateway's rule fields, with the value sets beside them), pinned like a trust list:
// versioned, with its own issue time and expiry. Applying it: every rule valid at the validation clock for the
// certificate's type is evaluated; one that is not exactly true, or throws, has failed and is named with its description.
import { z } from 'zod';
import { evaluate, SPECIFICATION_VERSION } from './evaluate.ts';

export const CertificateType = z.enum(['Test', 'Vaccination', 'Recovery']);
export type CertificateType = z.infer<typeof CertificateType>;

const IsoTime = z.iso.datetime({ offset: true });

export const BusinessRule = z.object({
  Identifier: z.string().min(1).max(64),
  Type: z.enum(['Acceptance', 'Invalidation']),
  Country: z.string().min(2).max(3),
  Version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a semantic version like 1.0.0'),
  SchemaVersion: z.string().optional(),
  Engine: z.literal('CERTLOGIC'),
  EngineVersion: z.string().regex(/^\d+\.\d+\.\d+$/),
  CertificateType: z.enum(['General', ...CertificateType.options]),
  Description: z.array(z.object({ lang: z.string(), desc: z.string() })).min(1),
  ValidFrom: IsoTime,
  ValidTo: IsoTime,
  AffectedFields: z.array(z.string()).optional(),
  Logic: z.unknown(),
});
export type BusinessRule = z.infer<typeof BusinessRule>;

export const RuleSetFile = z.object({
  version: z.number().int().nonnegative(),
  issuedAt: IsoTime,
  /** After this instant the set is stale and DCCs are not checked: rules must be current. */
  expiresAt: IsoTime,
  /** The country whose acceptance rules these are (external.countryCode). */
  country: z.string().min(2).max(3).default('CN'),
  /** Value sets by id (e.g. "covid-19-lab-result"), each the list of accepted codes, as rules read them. */
  valueSets: z.record(z.string(), z.array(z.string())).default({}),
  rules: z.array(BusinessRule).max(500),
});
export type RuleSetFile = z.infer<typeof RuleSetFile>;

export interface RuleFailure {
  id: string;
  description: string;
  descriptionZh?: string;
}

export interface RuleCheck {
  /** Rules evaluated (valid at the clock, for this type, newest version of each). */
  evaluated: number;
  failed: RuleFailure[];
}

const versionKey = (v: string) => v.split('.').map((n) => n.padStart(6, '0')).join('.');

function describeRule(rule: BusinessRule): RuleFailure {
  const byLang = (lang: string) => rule.Description.find((d) => d.lang.toLowerCase().startsWith(lang))?.desc;
  const zh = byLang('zh');
  return { id: rule.Identifier, description: byLang('en') ?? rule.Description[0]!.desc, ...(zh ? { descriptionZh: zh } : {}) };
}

/** The rules in force at `at` for this type: valid then, 'General' or the type, and the highest version of each id. */
export function rulesInForce(set: RuleSetFile, type: CertificateType, at: Date): BusinessRule[] {
  const now = at.getTime();
  const newest = new Map<string, BusinessRule>();
  for (const rule of set.rules) {
    if (rule.CertificateType !== 'General' && rule.CertificateType !== type) continue;
    if (Date.parse(rule.ValidFrom) > now || Date.parse(rule.ValidTo) < now) continue;
    const have = newest.get(rule.Identifier);
    if (!have || versionKey(rule.Version) > versionKey(have.Version)) newest.set(rule.Identifier, rule);
  }
  return [...newest.values()].sort((a, b) => a.Identifier.localeCompare(b.Identifier));
}

export interface RuleContext {
  type: CertificateType;
  /** The DCC document as JSON (dates as ISO strings). */
  payload: unknown;
  validationClock: Date;
  issuedAt?: Date;
  expiresAt?: Date;
}

/** The engine major version we implement; a rule written for a later major cannot be trusted to mean what we compute. */
const ENGINE_MAJOR = Number(SPECIFICATION_VERSION.split('.')[0]);

export function checkRules(set: RuleSetFile, context: RuleContext): RuleCheck {
  const rules = rulesInForce(set, context.type, context.validationClock);
  const external = {
    valueSets: set.valueSets,
    validationClock: context.validationClock.toISOString(),
    countryCode: set.country,
    ...(context.issuedAt ? { iat: context.issuedAt.toISOString() } : {}),
    ...(context.expiresAt ? { exp: context.expiresAt.toISOString() } : {}),
  };
  const data = { payload: context.payload, external };
  const failed: RuleFailure[] = [];
  for (const rule of rules) {
    let passed = false;
    if (Number(rule.EngineVersion.split('.')[0]) <= ENGINE_MAJOR) {
      try {
        passed = evaluate(rule.Logic, data) === true;
      } catch {
        // The specification: an evaluation error counts as a failed rule.
        passed = false;
      }
    }
    if (!passed) failed.push(describeRule(rule));
  }
  return { evaluated: rules.length, failed };
}
