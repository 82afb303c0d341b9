import { z } from 'zod';
import { defineMethods } from './define.ts';

export const KioskAlertState = z.object({
  id: z.string(),
  kind: z.string(),
  at: z.string(),
  summary: z.string(),
  /** The registry confirmed it holds the alert. */
  delivered: z.boolean(),
  deliveredAt: z.string().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
});
export type KioskAlertState = z.infer<typeof KioskAlertState>;

export const alertMethods = defineMethods({
  /** The alerts this kiosk raised, newest first, and whether the registry has each. */
  'alerts.list': {
    access: 'manager',
    input: z.object({ limit: z.number().int().min(1).max(500).default(100) }),
    output: z.object({ alerts: z.array(KioskAlertState), waiting: z.number().int() }),
  },
});
