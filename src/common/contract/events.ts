// Every core-to-renderer event, defined once.
import { z } from 'zod';
import { DeviceStatus, Reading, Scan } from './devices.ts';
import { Entry } from './entries.ts';
import { IdentityRead } from './id-card.ts';
import { SyncStatus } from './methods/sync.ts';
import { ConsoleProgress } from './console.ts';

export const events = {
  /** A pass or refusal was committed. */
  'entries.recorded': Entry,
  /** A device changed state (unplugged, back, error). */
  'devices.status': DeviceStatus,
  /** A raw thermometer reading, for the live display. */
  'thermometer.reading': Reading,
  /** A code read by a scanner the core drives (HID-POS, serial, simulator). */
  'scanner.scan': Scan,
  /** An ID card was read on the reader (masked; the core keeps only the ID number's keyed hash). */
  'idcard.read': IdentityRead,
  /** The card that was read left the reader. */
  'idcard.left': z.object({ at: z.string() }),
  /** The upload to the registry changed state (waiting count, offline, up to date). */
  'sync.status': SyncStatus,
  /** How far a manager's export, import or purge is (the screen that started it shows it). */
  'console.progress': ConsoleProgress,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
