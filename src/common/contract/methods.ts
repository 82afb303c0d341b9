// Every renderer-to-core call, defined once: the dispatcher, the HTTP client and the Electron preload all derive from this.
// Each feature declares its calls in methods/<feature>.ts (one file per folder of src/kiosk/features); this table joins them.
import type { z } from 'zod';
import { accountMethods } from './methods/accounts.ts';
import { alertMethods } from './methods/alerts.ts';
import { demoMethods } from './methods/demo.ts';
import { deviceMethods } from './methods/devices.ts';
import { exportMethods } from './methods/export.ts';
import { gateMethods } from './methods/gate.ts';
import { idCardMethods } from './methods/id-card.ts';
import { logMethods } from './methods/log.ts';
import { policyMethods } from './methods/policy.ts';
import { retentionMethods } from './methods/retention.ts';
import { rosterMethods } from './methods/roster.ts';
import { setupMethods } from './methods/setup.ts';
import { shiftMethods } from './methods/shifts.ts';
import { statsMethods } from './methods/stats.ts';
import { syncMethods } from './methods/sync.ts';
import { systemMethods } from './methods/system.ts';
import { watchMethods } from './methods/watch.ts';

export { Measurement, SimScenario } from './methods/devices.ts';

export const methods = {
  ...accountMethods,
  ...alertMethods,
  ...demoMethods,
  ...deviceMethods,
  ...exportMethods,
  ...gateMethods,
  ...idCardMethods,
  ...logMethods,
  ...policyMethods,
  ...retentionMethods,
  ...rosterMethods,
  ...setupMethods,
  ...shiftMethods,
  ...statsMethods,
  ...syncMethods,
  ...systemMethods,
  ...watchMethods,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
/** What a handler receives: the input after zod parsing (defaults applied). */
export type ParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
