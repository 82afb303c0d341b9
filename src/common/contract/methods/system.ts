import { z } from 'zod';
import { defineMethods } from './define.ts';
import { Policy } from '../policy.ts';

export const none = z.object({}).strict();

/** The keyboard-wedge thresholds the page applies (see keyboard-wedge.ts). */
export const WedgeSettings = z.object({
  maxMedianGapMs: z.number(),
  maxGapMs: z.number(),
  silenceMs: z.number(),
  suffixes: z.array(z.string()),
  requireSuffix: z.boolean(),
  minLength: z.number(),
  progressEvery: z.number(),
  decodeFrom: z.enum(['code', 'key']),
});

/** What the kiosk knows about its own storage: the database's checks, the audit chain and the roster key (issue 14). */
export const StorageProblem = z.object({
  area: z.enum(['database', 'audit-chain', 'roster-key']),
  message: z.string(),
  since: z.string(),
});
export const StorageStatus = z.object({
  state: z.enum(['ok', 'damaged']),
  /** The last check of the database file: quick at start, full on a schedule. */
  lastCheck: z.object({ kind: z.enum(['quick', 'full']), at: z.string(), ok: z.boolean() }).nullable(),
  problems: z.array(StorageProblem),
  /** How the database key is protected: sealed by the OS (Electron safeStorage) or a key file outside the data folder. */
  keyProtection: z.enum(['safe-storage', 'key-file']),
});
export type StorageStatus = z.infer<typeof StorageStatus>;

export const systemMethods = defineMethods({
  /** What the screen needs at start: compound, policy and whether devices are simulated. */
  'system.info': {
    access: 'volunteer',
    input: none,
    output: z.object({ compoundName: z.string(), version: z.string(), timeZone: z.string(), policy: Policy, simulatedDevices: z.boolean(), dataDir: z.string(), scanner: z.object({ mode: z.enum(['wedge', 'hid-pos', 'serial', 'camera', 'simulated']), wedge: WedgeSettings }), /** Where the nearest nucleic-acid sampling point is (the compound's settings), when set. */ samplingPoint: z.string().optional() }),
  },
  /** The storage's health for the console: a damaged database, a broken audit chain or a wrong roster key, loudly. */
  'system.storage': { access: 'manager', input: none, output: StorageStatus },
});
