// Every renderer-to-core call, defined once: the dispatcher, the HTTP client and the Electron preload all derive from this.
// Each capability declares its calls in methods/<capability>.ts; this table joins them.
import type { z } from 'zod';
import { checkpointMethods } from './methods/checkpoint.ts';
import { deviceMethods } from './methods/devices.ts';
import { syncMethods } from './methods/sync.ts';
import { systemMethods } from './methods/system.ts';
import { accountMethods } from './methods/accounts.ts';
import { consoleMethods } from './methods/console.ts';
import { logMethods } from './methods/log.ts';
import { statsMethods } from './methods/stats.ts';
import { exportMethods } from './methods/export.ts';
import { setupMethods } from './methods/setup.ts';
import { gateMethods } from './methods/gate.ts';
import { rosterMethods } from './methods/roster.ts';
import { policyMethods } from './methods/policy.ts';
import { shiftMethods } from './methods/shifts.ts';

export { Measurement, SimScenario } from './methods/devices.ts';

export const methods = {
  ...systemMethods,
  ...checkpointMethods,
  ...deviceMethods,
  ...accountMethods,
  ...consoleMethods,
  ...logMethods,
  ...statsMethods,
  ...exportMethods,
  ...setupMethods,
  ...syncMethods,
  ...gateMethods,
  ...rosterMethods,
  ...policyMethods,
  ...shiftMethods,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
/** What a handler receives: the input after zod parsing (defaults applied). */
export type ParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
