// Everything the gate rules need, built once: roster and visitors, the versioned policy, shifts, overrides and the
// checkpoint, with the handlers they contribute. The core spreads `handlers` and reads `policy`.
import { createAccounts } from '../accounts/accounts.ts';
import type { KioskConfig } from '../core/config.ts';
import type { EventBus } from '../core/event-bus.ts';
import type { EntriesRepository } from '../log/entries-repository.ts';
import { policyHandlers } from '../policy/handlers.ts';
import { createPolicyStore } from '../policy/policy-store.ts';
import { rosterHandlers } from '../roster/handlers.ts';
import { createIdHasher, loadIdKey } from '../roster/id-key.ts';
import { createRosterRepository } from '../roster/roster-repository.ts';
import { createVisitorsRepository } from '../roster/visitors-repository.ts';
import { shiftHandlers } from '../shifts/handlers.ts';
import { createShiftsService } from '../shifts/shifts-service.ts';
import type { Db } from '../store/open-store.ts';
import { createAccess } from './access.ts';
import { createCheckpointService, type CodeVerifier } from './checkpoint-service.ts';
import { createCodeChecks } from './code-checks.ts';
import { checkpointHandlers, gateHandlers } from './handlers.ts';
import { createOverrides } from './overrides.ts';

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
