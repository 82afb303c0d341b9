// The checkpoint's calls: verify a code, record a person, list today's entries.
import type { HandlersFor } from '../core/dispatcher.ts';
import type { EntriesRepository } from '../log/entries-repository.ts';
import { localDay } from '../log/local-day.ts';
import type { CheckpointService } from './checkpoint-service.ts';

export function checkpointHandlers(deps: { checkpoint: CheckpointService; entries: EntriesRepository; now: () => Date; timeZone: string }): HandlersFor<'codes.verify' | 'entries.record' | 'entries.today'> {
  return {
    'codes.verify': ({ text }) => deps.checkpoint.verify(text),
    'entries.record': (facts) => deps.checkpoint.record(facts),
    'entries.today': ({ limit }) => deps.entries.listDay(localDay(deps.now(), deps.timeZone), limit),
  };
}
