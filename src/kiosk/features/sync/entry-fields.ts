// From the kiosk's entry to what travels to the registry: masked identity, no names, the gate's local day.
import type { Entry } from '../../../common/contract/entries.ts';
import { localDay } from '../../../common/local-time.ts';
import type { EntryFields } from '../../../common/wire/schemas.ts';

export function toEntryFields(entry: Entry, timeZone: string): EntryFields {
  const code = entry.code;
  return {
    id: entry.id,
    at: entry.at,
    day: localDay(new Date(entry.at), timeZone),
    direction: entry.direction,
    lane: entry.lane,
    identity: { maskedId: entry.identity.maskedId ?? null },
    healthCode: { status: code.status, source: code.source ?? null, reason: 'reason' in code ? code.reason : null },
    temperatureC: entry.temperature?.bodyC ?? null,
    temperatureSource: entry.temperature?.source ?? null,
    fever: entry.reasons.includes('fever'),
    maskWorn: entry.maskWorn,
    decision: entry.decision,
    reasons: [...entry.reasons],
    volunteer: entry.volunteer,
    ...(entry.watch ? { watch: entry.watch } : {}),
  };
}
