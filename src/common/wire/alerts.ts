// Alerts a kiosk raises at once, on their own signed channel beside the entry batches: each has an id chosen by the
// kiosk, so a resend is recognised and every alert is kept exactly once however often the network loses the answer.
import { z } from 'zod';

export const AlertKind = z.enum([
  'fever',
  'watch-list',
  'override',
  /** A scanner or thermometer down for more than the configured minutes. */
  'device-down',
  /** A shift is signed on but nobody has been recorded for the configured minutes. */
  'kiosk-silent',
  /** The kiosk's clock is off from the registry's (or entries arrive dated outside a sane window). */
  'clock-skew',
  /** The kiosk's chain started again below what the registry already holds (a restored or replaced database). */
  'chain-restart',
]);
export type AlertKind = z.infer<typeof AlertKind>;

const DetailValue = z.union([z.string().max(200), z.number(), z.boolean(), z.null()]);

export const KioskAlert = z.object({
  id: z.uuid(),
  kind: AlertKind,
  at: z.iso.datetime({ offset: true }),
  /** One line for the staff view, in plain words (English; the staff view shows the kind in both languages). */
  summary: z.string().min(1).max(200),
  detail: z.record(z.string().min(1).max(40), DetailValue).refine((d) => Object.keys(d).length <= 16, 'at most 16 details'),
});
export type KioskAlert = z.infer<typeof KioskAlert>;

export const MAX_ALERTS = 100;
export const AlertBatch = z.object({ alerts: z.array(KioskAlert).min(1).max(MAX_ALERTS) });
export type AlertBatch = z.infer<typeof AlertBatch>;

/** Every id the registry now holds (new or already held): the kiosk stops resending those. */
export const AlertAnswer = z.object({ received: z.array(z.string()) });
export type AlertAnswer = z.infer<typeof AlertAnswer>;
