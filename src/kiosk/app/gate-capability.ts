// Everything the gate rules need, built once: roster and visitors, the versioned policy, shifts, overrides and the
// checkpoint, with the handlers they contribute. The core spreads `handlers` and reads `policy`.
import { createAccounts } from '../features/accounts/accounts.ts';
import type { KioskConfig } from '../platform/config/kiosk-config.ts';
import type { EventBus } from '../platform/events/event-bus.ts';
import type { EntriesRepository } from '../features/log/entries-repository.ts';
import { policyHandlers } from '../features/policy/handlers.ts';
import { createPolicyStore } from '../features/policy/policy-store.ts';
import { rosterHandlers } from '../features/roster/handlers.ts';
import { createIdHasher, loadIdKey } from '../features/roster/id-key.ts';
import { createRosterRepository } from '../features/roster/roster-repository.ts';
import { createVisitorsRepository } from '../features/roster/visitors-repository.ts';
import { shiftHandlers } from '../features/shifts/handlers.ts';
import { createShiftsService } from '../features/shifts/shifts-service.ts';
import type { Db } from '../platform/store/open-store.ts';
import { createAccess } from '../features/accounts/gate-access.ts';
import { createCheckpointService, type CodeVerifier } from '../features/gate/checkpoint-service.ts';
import { createCodeChecks } from '../features/gate/code-checks.ts';
import { checkpointHandlers, gateHandlers } from '../features/gate/handlers.ts';
import { createOverrides } from '../features/gate/overrides.ts';

export function createGate(deps: { db: Db; config: KioskConfig; dataDir: string; bus: EventBus; now: () => Date; entries: EntriesRepository; verifier: CodeVerifier }) {
  const { db, config, now, entries } = deps;
  const accounts = createAccounts({ db, now });
  const access = createAccess({ db, accounts, now });
  const hashId = createIdHasher(loadIdKey(deps.dataDir));
  const roster = createRosterRepository(db, hashId, now);
  const visitors = createVisitorsRepository(db, hashId, now);
  const policy = createPolicyStore({ db, configPolicy: config.policy, access, now });
  const shifts = createShiftsService({ db, access, usernameOf: (id) => accounts.findUser(id).username, now });
  const overrides = createOverrides({ access, now });
  const checkpoint = createCheckpointService({
    entries,
    verifier: deps.verifier,
    checks: createCodeChecks(now),
    bus: deps.bus,
    policy: policy.current,
    now,
    volunteer: () => config.defaultVolunteer,
    timeZone: config.timeZone,
    roster,
    visitors,
    shifts,
    overrides,
    access,
  });
  return {
    checkpoint,
    policy,
    handlers: {
      ...checkpointHandlers({ checkpoint, entries, now, timeZone: config.timeZone }),
      ...gateHandlers({ checkpoint, entries, policy, shifts, overrides, now, timeZone: config.timeZone }),
      ...rosterHandlers({ roster, visitors, access }),
      ...policyHandlers({ store: policy, access }),
      ...shiftHandlers(shifts),
    },
  };
}
