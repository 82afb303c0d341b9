// The kiosk's configuration: read once from DATA/config.json, defaults for everything; written back whole and atomically.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { Policy } from '../../../common/contract/policy.ts';
import { DeviceConfig } from '../devices/config.ts';
import { HealthCodeConfig } from '../health-codes/config.ts';
import { describeIssues, GateError, issueParams } from '../../../common/contract/errors.ts';
import { closestTimeZone, isTimeZone } from '../../../common/local-time.ts';

export const KioskConfig = z.object({
  compoundName: z.string().min(1).default('示例小区'),
  /** The compound's code at the district (set at first start). */
  compoundCode: z.string().default(''),
  /** Entries older than this many days are purged once the registry holds them. */
  retentionDays: z.number().int().min(1).max(3650).default(28),
  /** Serve on the LAN (HTTPS, sign-in for everything) instead of 127.0.0.1 only; `serve --listen-lan` does the same. */
  lan: z.object({ listen: z.boolean().default(false) }).strict().default({ listen: false }),
  /** The compound's time zone: days in the log are local days. */
  timeZone: z
    .string()
    .default('Asia/Shanghai')
    .superRefine((zone, ctx) => {
      if (isTimeZone(zone)) return;
      const near = closestTimeZone(zone);
      ctx.addIssue({ code: 'custom', message: `"${zone}" is not a time zone: use an IANA name such as Asia/Shanghai${near ? ` (did you mean ${near}?)` : ''}` });
    }),
  policy: Policy.default(Policy.parse({})),
  /** Who is on duty until shifts are signed on. */
  defaultVolunteer: z.string().default('值班志愿者'),
  /** The district registry; the kiosk is enrolled with `gate-kiosk enrol`. Without it entries wait in the outbox. */
  registry: z
    .object({
      url: z.url({ protocol: /^https?$/, error: 'must be the registry\'s http:// or https:// address' }).optional(),
      certificateSha256: z.string().optional(),
      /** How often the district's documents (policy, trust list, revoked cards, watch list) are fetched. */
      documentsEverySeconds: z.number().int().min(1).max(86_400).default(900),
    })
    .strict()
    .default({ documentsEverySeconds: 900 }),
  /** Alerts that go up to the district at once (issue 17): after how long a device down or a silent shift is told. */
  alerts: z
    .object({ deviceDownMinutes: z.number().int().min(1).max(1440).default(10), silentMinutes: z.number().int().min(5).max(1440).default(30) })
    .default({ deviceDownMinutes: 10, silentMinutes: 30 }),
  /** With nothing configured: the page reads a keyboard-wedge scanner, a simulated person stands at the thermometer, and the ID card reader is the simulator. */
  devices: DeviceConfig.default({ thermometer: { mode: 'simulated', scenario: 'normal' }, scanner: { mode: 'wedge' }, wedge: {}, idReader: { mode: 'simulated' } }),
  /** Signed gate codes and resident cards against the trust list in the data folder; online and DCC when configured. */
  healthCodes: HealthCodeConfig.default({
    formats: ['offline-signed', 'resident-card'],
    trustListPath: 'trust/trust-list.json',
    revocationListPath: 'trust/revoked-cards.json',
    skewSeconds: 120,
    maxAgeSeconds: 600,
    dcc: { rulesPath: 'trust/dcc-rules.json', revocationDir: 'trust/dcc-revocation', maxMaterialAgeHours: 24 },
  }),
  /** Where the nearest nucleic-acid sampling point is, said to a person refused for a missing or old test (issue 16). */
  samplingPoint: z.string().max(200).default(''),
})
  // A misspelt setting would otherwise be dropped silently and its default used.
  .strict();
export type KioskConfig = z.infer<typeof KioskConfig>;

export const CONFIG_FILE = 'config.json';

export function loadConfig(dataDir: string): KioskConfig {
  const file = path.join(dataDir, CONFIG_FILE);
  if (!existsSync(file)) return KioskConfig.parse({});
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new GateError('bad-input', `${file} is not valid JSON (${(error as Error).message}). Fix the file or remove it to use the defaults.`);
  }
  const parsed = KioskConfig.safeParse(raw);
  if (!parsed.success) throw new GateError('bad-input', `${file} has invalid settings: ${describeIssues(parsed.error)}. Fix the file or remove it to use the defaults.`);
  return parsed.data;
}

/** config.json as written, without defaults: what a settings screen edits and writes back. */
export function readRawConfig(dataDir: string): Record<string, unknown> {
  const file = path.join(dataDir, CONFIG_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
}

/** Writes through a temporary file and a rename, so a power cut leaves the old config or the new one, never half. */
export function writeConfig(dataDir: string, raw: Record<string, unknown>): KioskConfig {
  const parsed = KioskConfig.safeParse(raw);
  if (!parsed.success) throw new GateError('bad-input', `These settings are not valid: ${describeIssues(parsed.error)}.`, { key: 'invalid-input', params: { ...issueParams(parsed.error.issues[0]!) } });
  const file = path.join(dataDir, CONFIG_FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(raw, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return parsed.data;
}
