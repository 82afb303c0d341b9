// The checkpoint: verify a code, find the person, decide by the policy, commit, then tell every screen.
import type { Audit } from '../../platform/audit/audit-log.ts';
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';
import type { EventBus } from '../../platform/events/event-bus.ts';
import type { EntriesRepository } from '../log/entries-repository.ts';
import type { PolicyStore } from '../policy/policy-store.ts';
import type { RosterRepository } from '../roster/roster-repository.ts';
import type { VisitorsRepository } from '../roster/visitors-repository.ts';
import type { ShiftsService } from '../shifts/shifts-service.ts';
import { createCheckpointService, type CheckpointDeps, type CheckpointService, type CodeVerifier } from './checkpoint-service.ts';
import { createCodeChecks, type CodeChecks } from './code-checks.ts';
import { gateHandlers, type GateMethod } from './handlers.ts';
import { createOverrides } from './overrides.ts';

export type { GateMethod } from './handlers.ts';

export type { CodeVerifier } from './checkpoint-service.ts';
export { createVerifier, dccMaterialPaths } from './verifier.ts';

export interface GateFeatureDeps {
  entries: EntriesRepository;
  verifier: CodeVerifier;
  roster: RosterRepository;
  visitors: VisitorsRepository;
  policy: PolicyStore;
  shifts: ShiftsService;
  bus: EventBus;
  audit: Audit;
  now: () => Date;
  timeZone: string;
  /** Who records when no shift is signed on (a kiosk without volunteer accounts). */
  defaultVolunteer: () => string;
  watch?: CheckpointDeps['watch'];
  alsoOnRecord?: CheckpointDeps['alsoOnRecord'];
  idCards?: CheckpointDeps['idCards'];
}

export interface GateFeature {
  handlers: HandlersFor<GateMethod>;
  checkpoint: CheckpointService;
  /** Recent code checks, for comparing an ID card with a code's holder (issue 15). */
  checks: CodeChecks;
}

export function createGateFeature(deps: GateFeatureDeps): GateFeature {
  const overrides = createOverrides({ audit: deps.audit, now: deps.now });
  const checks = createCodeChecks(deps.now);
  const checkpoint = createCheckpointService({
    entries: deps.entries,
    verifier: deps.verifier,
    checks,
    bus: deps.bus,
    policy: deps.policy.current,
    now: deps.now,
    volunteer: deps.defaultVolunteer,
    timeZone: deps.timeZone,
    roster: deps.roster,
    visitors: deps.visitors,
    shifts: deps.shifts,
    overrides,
    audit: deps.audit,
    watch: deps.watch,
    alsoOnRecord: deps.alsoOnRecord,
    idCards: deps.idCards,
  });
  return {
    checkpoint,
    checks,
    handlers: gateHandlers({ checkpoint, entries: deps.entries, policy: deps.policy, shifts: deps.shifts, overrides, now: deps.now, timeZone: deps.timeZone }),
  };
}
