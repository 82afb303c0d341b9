import { z } from 'zod';
import { Measurement } from './devices.ts';

export const consoleMethods = {
  /** How many old entries are due for purging and how many wait for upload first. */
  'retention.status': {
    access: 'manager',
    input: z.object({}).strict(),
    output: z.object({ retentionDays: z.number(), cutoffDay: z.string(), due: z.number(), keptNotUploaded: z.number(), oldestDay: z.string().nullable() }),
  },
  /** Purge now what the schedule would purge (entries past retention that the registry holds). Audited. */
  'retention.purge': {
    access: 'manager',
    input: z.object({}).strict(),
    output: z.object({ cutoffDay: z.string(), purged: z.number(), keptNotUploaded: z.number() }),
  },
  /** Save the page on screen as an A4 PDF in the data folder; only in the Electron kiosk (the browser prints instead). */
  'report.savePdf': {
    access: 'manager',
    input: z.object({ name: z.string().regex(/^[\w.-]{1,80}$/, 'letters, digits, dot, dash or underscore') }),
    output: z.object({ path: z.string() }),
  },
  /** Import households, residents, vehicles or commuters from CSV or XLSX: all rows or none, with a row-by-row report. Audited. */
  'roster.import': {
    access: 'manager',
    input: z.object({
      kind: z.enum(['households', 'residents', 'vehicles', 'commuters']),
      format: z.enum(['csv', 'xlsx']),
      fileName: z.string().max(200).optional(),
      /** The file's bytes; 1 MB of request holds some 10,000 roster rows. */
      base64: z.string().min(1),
      /** Check every row and report, but save nothing. */
      dryRun: z.boolean().default(false),
    }),
    output: z.object({ ok: z.boolean(), rows: z.number(), imported: z.number(), dryRun: z.boolean(), problems: z.array(z.object({ row: z.number(), message: z.string() })) }),
  },
  /** Signed resident cards (GK1: QR text) for printing, with the compound's own key; a resident without a card number gets one. Audited. */
  'roster.cards': {
    access: 'manager',
    input: z.object({ residentIds: z.array(z.string().min(1)).min(1).max(500) }),
    output: z.object({ issuer: z.string(), cards: z.array(z.object({ residentId: z.string(), name: z.string(), household: z.string(), cardId: z.string(), code: z.string(), validUntil: z.string() })) }),
  },
  /** The saved device settings, the protocols, and the serial ports and HID scanners plugged in now. */
  'devices.settings.get': {
    access: 'manager',
    input: z.object({}).strict(),
    output: z.object({
      config: z.record(z.string(), z.unknown()),
      protocols: z.array(z.string()),
      serialPorts: z.array(z.object({ path: z.string(), vendorId: z.string().nullable(), productId: z.string().nullable(), manufacturer: z.string().nullable() })),
      serialError: z.string().nullable(),
      hidScanners: z.array(z.object({ vendorId: z.string(), productId: z.string(), product: z.string().nullable(), path: z.string().nullable() })),
      hidError: z.string().nullable(),
    }),
  },
  /** Save device settings (the schema of config.json's "devices"); they apply at the next start. Audited. */
  'devices.settings.save': { access: 'manager', input: z.object({ config: z.record(z.string(), z.unknown()) }), output: z.object({ saved: z.literal(true), restartNeeded: z.literal(true) }) },
  /** Open a thermometer with these settings on its own and take one measurement, before saving them. */
  'devices.settings.testRead': {
    access: 'manager',
    input: z.object({ thermometer: z.record(z.string(), z.unknown()), timeoutMs: z.number().int().min(1000).max(30_000).default(8000) }),
    output: Measurement,
  },
} as const;
