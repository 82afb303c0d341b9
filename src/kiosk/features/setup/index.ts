// First start: the compound, the first admin, policy defaults, the registry address and devices.
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';
import { setupHandlers, type SetupDeps, type SetupMethod } from './first-start.ts';

export type { SetupMethod } from './first-start.ts';

export function createSetupFeature(deps: SetupDeps): { handlers: HandlersFor<SetupMethod> } {
  return { handlers: setupHandlers(deps) };
}
