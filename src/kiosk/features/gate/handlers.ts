// The checkpoint's calls: verify a code, match it to the roster, record a person, today's entries, the lane in force
// with live figures, and a manager's override.
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';
import type { EntriesRepository } from '../log/entries-repository.ts';
import { localDay } from '../../../common/local-time.ts';
import { activePeakWindow } from '../../../common/gate-rules/peak-windows.ts';
import type { PolicyStore } from '../policy/policy-store.ts';
import type { ShiftsService } from '../shifts/shifts-service.ts';
import type { CheckpointService } from './checkpoint-service.ts';
import { liveFigures, WINDOW_MS } from './live-figures.ts';
import type { Overrides } from './overrides.ts';

export function checkpointHandlers(deps: { checkpoint: CheckpointService; entries: EntriesRepository; now: () => Date; timeZone: string }): HandlersFor<'codes.verify' | 'entries.record' | 'entries.today'> {
  return {
    'codes.verify': ({ text }) => deps.checkpoint.verify(text),
    'entries.record': (facts) => deps.checkpoint.record(facts),
    'entries.today': ({ limit }) => deps.entries.listDay(localDay(deps.now(), deps.timeZone), limit),
  };
}

export function gateHandlers(deps: {
  checkpoint: CheckpointService;
  entries: EntriesRepository;
  policy: PolicyStore;
  shifts: ShiftsService;
  overrides: Overrides;
  now: () => Date;
  timeZone: string;
}): HandlersFor<'gate.status' | 'gate.match' | 'gate.override.authorize'> {
  return {
    'gate.status': () => {
      const at = deps.now();
      const { version, policy } = deps.policy.current();
      const peakWindow = activePeakWindow(at, policy.peakWindows, deps.timeZone);
      return {
        lane: peakWindow ? 'fast' : 'standard',
        peakWindow,
        policyVersion: version,
        shift: deps.shifts.current(),
        shiftRequired: deps.shifts.required(),
        figures: liveFigures(deps.entries.timingsSince(at.getTime() - WINDOW_MS), at.getTime()),
      };
    },
    'gate.match': ({ checkId }) => ({ match: deps.checkpoint.match(checkId) }),
    'gate.override.authorize': (input, caller) => deps.overrides.authorize(caller, input),
  };
}
