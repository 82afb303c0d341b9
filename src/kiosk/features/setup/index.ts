// First start: the compound, the first admin, policy defaults, the registry address and devices.
import type { setupMethods } from '../../../common/contract/methods/setup.ts';
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';
import { setupHandlers, type SetupDeps } from './first-start.ts';

export type SetupMethod = keyof typeof setupMethods;

export function createSetupFeature(deps: SetupDeps): { handlers: HandlersFor<SetupMethod> } {
  return { handlers: setupHandlers(deps) };
}
