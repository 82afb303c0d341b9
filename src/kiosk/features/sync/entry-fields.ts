// From the kiosk's entry to what travels to the registry: masked identity, no names, the gate's local day.
import type { Entry } from '../../../common/contract/entries.ts';
import { localDay } from '../../../common/local-time.ts';
import type { EntryFields } from '../../../common/wire/schemas.ts';

/** The code's health facts as figures; nothing for a code that gave none, so such entries hash as they always did. */
function healthFigures(code: Entry['code']): Partial<EntryFields['healthCode']> {
  if (code.status === 'invalid' || code.status === 'error') return {};
  const test = code.nucleicAcid;
  return {
    ...(test ? { testAgeHours: test.hoursAgo === null ? null : Math.floor(test.hoursAgo), testResult: test.result, ...(test.band ? { testBand: test.band } : {}) } : {}),
    ...(code.vaccination ? { doses: code.vaccination.doses } : {}),
    ...(code.travelFlag !== undefined ? { travelFlag: code.travelFlag } : {}),
    ...(code.cachedFrom ? { cached: true } : {}),
  };
}

export function toEntryFields(entry: Entry, timeZone: string): EntryFields {
  const code = entry.code;
  return {
    id: entry.id,
    at: entry.at,
    day: localDay(new Date(entry.at), timeZone),
    direction: entry.direction,
    lane: entry.lane,
    identity: { maskedId: entry.identity.maskedId ?? null },
    healthCode: { status: code.status, source: code.source ?? null, reason: 'reason' in code ? code.reason : null, ...healthFigures(code) },
    temperatureC: entry.temperature?.bodyC ?? null,
    temperatureSource: entry.temperature?.source ?? null,
    fever: entry.reasons.includes('fever'),
    maskWorn: entry.maskWorn,
    decision: entry.decision,
    reasons: [...entry.reasons],
    volunteer: entry.volunteer,
    ...(entry.warnings && entry.warnings.length > 0 ? { warnings: [...entry.warnings] } : {}),
    ...(entry.codeOnOtherPhone ? { otherPhone: true as const } : {}),
    ...(entry.watch ? { watch: entry.watch } : {}),
  };
}
