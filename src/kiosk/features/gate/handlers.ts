// The checkpoint's calls: verify a code, match it to the roster, record a person, today's entries, the lane in force
// with live figures, and a manager's override.
import { activePeakWindow } from '../../../common/gate-rules/peak-windows.ts';
import { localDay } from '../../../common/local-time.ts';
import type { gateMethods } from '../../../common/contract/methods/gate.ts';
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';
import { codeView, entryView, personMatchView } from '../../platform/privacy/volunteer-view.ts';
import type { EntriesRepository } from '../log/entries-repository.ts';
import type { PolicyStore } from '../policy/policy-store.ts';
import type { ShiftsService } from '../shifts/shifts-service.ts';
import type { CheckpointService } from './checkpoint-service.ts';
import { liveFigures, WINDOW_MS } from './live-figures.ts';
import type { Overrides } from './overrides.ts';

export type GateMethod = keyof typeof gateMethods;

export interface GateHandlerDeps {
  checkpoint: CheckpointService;
  entries: EntriesRepository;
  policy: PolicyStore;
  shifts: ShiftsService;
  overrides: Overrides;
  now: () => Date;
  timeZone: string;
}

export function gateHandlers(deps: GateHandlerDeps): HandlersFor<GateMethod> {
  return {
    // The gate sees people masked (platform/privacy); the full record stays in the log for an audited reveal.
    'codes.verify': async ({ text }) => {
      const { checkId, result } = await deps.checkpoint.verify(text);
      return { checkId, result: codeView(result) };
    },
    'codes.status': () => deps.checkpoint.status(),
    'entries.record': async (facts) => entryView(await deps.checkpoint.record(facts)),
    'entries.recordGroup': async ({ members }) => {
      const { groupId, entries } = await deps.checkpoint.recordGroup(members);
      return { groupId, entries: entries.map(entryView) };
    },
    'entries.today': ({ limit }) => {
      const today = deps.entries.listDay(localDay(deps.now(), deps.timeZone), limit);
      return { ...today, entries: today.entries.map(entryView) };
    },
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
    'gate.match': ({ checkId }) => {
      const match = deps.checkpoint.match(checkId);
      return { match: match && personMatchView(match) };
    },
    // authorize() has put the manager whose credentials came with the call in caller.user.
    'gate.override.authorize': ({ reason }, caller) => deps.overrides.authorize(caller.user!, reason),
  };
}
