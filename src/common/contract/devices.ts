// Device facts that cross the boundary: one scan type whatever the source, one reading type, one status type.
import { z } from 'zod';

export const ScanSource = z.enum(['keyboard-wedge', 'hid-pos', 'serial', 'camera', 'simulator']);

/** A scanned code, the same whatever the scanner. */
export const Scan = z.object({
  text: z.string().min(1).max(4096),
  source: ScanSource,
  symbology: z.string().optional(),
  /** AIM symbology identifier as the scanner sent it, e.g. `]Q1` (QR) or `]Q3` (GS1 QR). */
  aim: z.string().optional(),
  at: z.string(),
  rawBase64: z.string().optional(),
});
export type Scan = z.infer<typeof Scan>;

/** One temperature reading from a module, in °C, with whatever the protocol gives. */
export const Reading = z.object({
  bodyC: z.number().optional(),
  objectC: z.number().optional(),
  ambientC: z.number().optional(),
  at: z.string(),
});
export type Reading = z.infer<typeof Reading>;

export const DeviceKind = z.enum(['scanner', 'thermometer', 'id-reader']);
export type DeviceKind = z.infer<typeof DeviceKind>;
/** disconnected: not there (unplugged); connecting: opening; ready: working; error: there but failing (detail says why). */
export const DeviceState = z.enum(['disconnected', 'connecting', 'ready', 'error']);
export type DeviceState = z.infer<typeof DeviceState>;
export const DeviceStatus = z.object({
  kind: DeviceKind,
  state: DeviceState,
  name: z.string(),
  simulated: z.boolean(),
  detail: z.string().optional(),
});
export type DeviceStatus = z.infer<typeof DeviceStatus>;
