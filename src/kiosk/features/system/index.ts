// What the screen needs at start: the compound, the version, the policy in force and how scans arrive.
import type { systemMethods } from '../../../common/contract/methods/system.ts';
import type { MethodOutput } from '../../../common/contract/methods.ts';
import type { HandlersFor } from '../../platform/calls/dispatcher.ts';

export type SystemMethod = keyof typeof systemMethods;

export function createSystemFeature(info: () => MethodOutput<'system.info'>, storage: () => MethodOutput<'system.storage'>): { handlers: HandlersFor<SystemMethod> } {
  return { handlers: { 'system.info': info, 'system.storage': storage } };
}
