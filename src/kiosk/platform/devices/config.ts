// Device settings (zod, so the settings screen and the config file share one definition) and the factory that turns
// them into running drivers. With nothing configured the kiosk gets simulators, so it always starts.
import { z } from 'zod';
import { DEFAULT_WEDGE_OPTIONS, type WedgeOptions } from '../../../common/keyboard-wedge.ts';
import type { ScannerPort, ThermometerPort } from './ports.ts';
import type { IdProtector } from './id-card/base-info.ts';
import { createIdCardReader, ID_READER_BAUD, type IdCardReaderPort } from './id-card/id-card-reader.ts';
import { createSimulatedIdReader, type SimulatedIdReader } from './id-card/simulated-id-reader.ts';
import { createHidPosScanner } from './scanner/hid-pos-scanner.ts';
import { LINE_SUFFIXES } from './scanner/line-decoder.ts';
import { createSerialScanner } from './scanner/serial-scanner.ts';
import { createSimulatedScanner, type SimulatedScanner } from './scanner/simulated-scanner.ts';
import type { SerialTarget } from './serial/supervisor.ts';
import { THERMOMETER_PROTOCOLS } from './thermometer/protocols.ts';
import { PERSON_SCENARIOS } from './thermometer/scenarios.ts';
import { createSerialThermometer } from './thermometer/serial-thermometer.ts';
import { createSimulatedThermometer, type SimulatedThermometer } from './thermometer/simulated.ts';

const UsbId = z
  .string()
  .regex(/^(0x)?[0-9a-fA-F]{4}$/, 'a 4-digit hex USB id like 1a86 (see `gate-kiosk devices list`)')
  .transform((s) => s.toLowerCase().replace(/^0x/, ''));

/** Serial ports run at these rates; anything else is a typo that would read as noise. */
const BAUD_RATES = [1200, 2400, 4800, 9600, 14400, 19200, 38400, 57600, 115200, 230400, 460800, 921600] as const;
const BaudRate = z
  .number()
  .int()
  .refine((rate) => (BAUD_RATES as readonly number[]).includes(rate), `is not a serial baud rate: use one of ${BAUD_RATES.join(', ')}`);

/** A serial device by path (also PTYs), or by USB identity so it is found again on another port after replug. */
const SerialLocation = {
  path: z.string().min(1).optional(),
  vendorId: UsbId.optional(),
  productId: UsbId.optional(),
  serialNumber: z.string().min(1).optional(),
};
const located = (l: { path?: string | undefined; vendorId?: string | undefined; productId?: string | undefined }) => Boolean(l.path || (l.vendorId && l.productId));
const LOCATION_MESSAGE = 'give the port path, or vendorId and productId (see `gate-kiosk devices list`)';

export const ThermometerConfig = z.discriminatedUnion('mode', [
  /** No module: the in-process simulator, switchable scenario. */
  z.object({ mode: z.literal('simulated'), scenario: z.enum(PERSON_SCENARIOS).default('nobody') }).strict(),
  /** A module on a UART / USB-serial adapter. */
  z
    .object({
      mode: z.literal('serial'),
      ...SerialLocation,
      protocol: z.enum(THERMOMETER_PROTOCOLS, { error: `is not a thermometer protocol: use one of ${THERMOMETER_PROTOCOLS.join(', ')}` }),
      baudRate: BaudRate.optional(),
      gyMode: z.enum(['continuous', 'query']).default('continuous'),
      watchdogMs: z.number().int().min(0).default(5000),
    })
    .strict()
    .refine(located, LOCATION_MESSAGE),
]);
export type ThermometerConfig = z.infer<typeof ThermometerConfig>;

export const ScannerConfig = z.discriminatedUnion('mode', [
  /** Keystrokes into the page (factory default of most scanners); no driver in the core. */
  z.object({ mode: z.literal('wedge') }).strict(),
  z.object({
    mode: z.literal('hid-pos'),
    vendorId: UsbId.optional(),
    productId: UsbId.optional(),
    serialNumber: z.string().min(1).optional(),
    path: z.string().min(1).optional(),
    enable: z.enum(['auto', 'always', 'never']).default('auto'),
    pollMs: z.number().int().min(250).default(3000),
  }).strict(),
  z
    .object({
      mode: z.literal('serial'),
      ...SerialLocation,
      baudRate: BaudRate.default(9600),
      suffix: z.enum(LINE_SUFFIXES).default('any'),
      aimPrefix: z.boolean().default(false),
    })
    .strict()
    .refine(located, LOCATION_MESSAGE),
  /** The renderer's camera fallback (@zxing/browser); no driver in the core. */
  z.object({ mode: z.literal('camera') }).strict(),
  z.object({ mode: z.literal('simulated') }).strict(),
]);
export type ScannerConfig = z.infer<typeof ScannerConfig>;

/** A second-generation ID card reader (SAM module) on a serial port, the simulator, or none. */
export const IdReaderConfig = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('none') }).strict(),
  z.object({ mode: z.literal('simulated') }).strict(),
  z
    .object({
      mode: z.literal('serial'),
      ...SerialLocation,
      baudRate: BaudRate.default(ID_READER_BAUD),
      pollMs: z.number().int().min(100).max(5000).default(300),
      /** Read with 30 10 (text, photo and fingerprint) where the module supports it; the fingerprint is not kept either. */
      withFingerprint: z.boolean().default(false),
      watchdogMs: z.number().int().min(0).default(5000),
    })
    .strict()
    .refine(located, LOCATION_MESSAGE),
]);
export type IdReaderConfig = z.infer<typeof IdReaderConfig>;

/** Keyboard-wedge thresholds; unset fields take DEFAULT_WEDGE_OPTIONS. */
export const WedgeSettings = z.object({
  maxMedianGapMs: z.number().positive().optional(),
  maxGapMs: z.number().positive().optional(),
  silenceMs: z.number().positive().optional(),
  suffixes: z.array(z.string()).optional(),
  requireSuffix: z.boolean().optional(),
  minLength: z.number().int().min(1).optional(),
  progressEvery: z.number().int().min(1).optional(),
  decodeFrom: z.enum(['code', 'key']).optional(),
}).strict();

export const DeviceConfig = z.object({
  thermometer: ThermometerConfig.default({ mode: 'simulated', scenario: 'nobody' }),
  scanner: ScannerConfig.default({ mode: 'simulated' }),
  wedge: WedgeSettings.default({}),
  idReader: IdReaderConfig.default({ mode: 'simulated' }),
}).strict();
export type DeviceConfig = z.infer<typeof DeviceConfig>;
export type DeviceConfigInput = z.input<typeof DeviceConfig>;

/** Validates settings from a file or the settings screen; errors name the field and what to put there. */
export function parseDeviceConfig(raw: unknown): { ok: true; config: DeviceConfig } | { ok: false; error: string } {
  const parsed = DeviceConfig.safeParse(raw ?? {});
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join('.') || 'devices'}: ${i.message}`).join('; ') };
}

export interface OpenedDevices {
  thermometer: ThermometerPort;
  /** Set when the thermometer is the simulator, for a demo panel (setScenario). */
  simulatedThermometer?: SimulatedThermometer;
  /** Set for hid-pos, serial and simulated scanners; wedge and camera scans arrive from the page. */
  scanner?: ScannerPort;
  simulatedScanner?: SimulatedScanner;
  scannerMode: ScannerConfig['mode'];
  /** Thresholds for the page's and Electron's keyboard-wedge detector. */
  wedge: WedgeOptions;
  /** Absent when no reader is configured (mode none) or no protector was given. */
  idReader?: IdCardReaderPort;
  simulatedIdReader?: SimulatedIdReader;
  close(): Promise<void>;
}

function serialTarget(l: { path?: string | undefined; vendorId?: string | undefined; productId?: string | undefined; serialNumber?: string | undefined }): SerialTarget {
  if (l.path) return { path: l.path };
  return { vendorId: l.vendorId!, productId: l.productId!, ...(l.serialNumber ? { serialNumber: l.serialNumber } : {}) };
}

/** The ID card reader: cards leave it already hashed by `protectId` (the compound's roster key). */
export function openIdReader(config: IdReaderConfig, protectId: IdProtector, log?: (message: string) => void): { idReader?: IdCardReaderPort; simulatedIdReader?: SimulatedIdReader } {
  if (config.mode === 'none') return {};
  if (config.mode === 'simulated') {
    const simulatedIdReader = createSimulatedIdReader(protectId);
    return { idReader: simulatedIdReader, simulatedIdReader };
  }
  return {
    idReader: createIdCardReader({
      target: serialTarget(config),
      protect: protectId,
      baudRate: config.baudRate,
      pollMs: config.pollMs,
      withFingerprint: config.withFingerprint,
      watchdogMs: config.watchdogMs,
      ...(log ? { log } : {}),
    }),
  };
}

export function openDevices(config: DeviceConfig, options: { log?: (message: string) => void; protectId?: IdProtector } = {}): OpenedDevices {
  const log = options.log;
  const t = config.thermometer;
  let thermometer: ThermometerPort;
  let simulatedThermometer: SimulatedThermometer | undefined;
  if (t.mode === 'simulated') {
    simulatedThermometer = createSimulatedThermometer({ scenario: t.scenario });
    thermometer = simulatedThermometer;
  } else {
    thermometer = createSerialThermometer({
      target: serialTarget(t),
      protocol: t.protocol,
      ...(t.baudRate ? { baudRate: t.baudRate } : {}),
      gyMode: t.gyMode,
      watchdogMs: t.watchdogMs,
      ...(log ? { log } : {}),
    });
  }

  const s = config.scanner;
  let scanner: ScannerPort | undefined;
  let simulatedScanner: SimulatedScanner | undefined;
  if (s.mode === 'hid-pos') {
    scanner = createHidPosScanner({
      ...(s.vendorId ? { vendorId: Number.parseInt(s.vendorId, 16) } : {}),
      ...(s.productId ? { productId: Number.parseInt(s.productId, 16) } : {}),
      ...(s.serialNumber ? { serialNumber: s.serialNumber } : {}),
      ...(s.path ? { path: s.path } : {}),
      enable: s.enable,
      pollMs: s.pollMs,
      ...(log ? { log } : {}),
    });
  } else if (s.mode === 'serial') {
    scanner = createSerialScanner({ target: serialTarget(s), baudRate: s.baudRate, suffix: s.suffix, aimPrefix: s.aimPrefix, ...(log ? { log } : {}) });
  } else if (s.mode === 'simulated') {
    simulatedScanner = createSimulatedScanner();
    scanner = simulatedScanner;
  }

  const wedge: WedgeOptions = { ...DEFAULT_WEDGE_OPTIONS };
  for (const [key, value] of Object.entries(config.wedge)) if (value !== undefined) Object.assign(wedge, { [key]: value });

  const readers = options.protectId ? openIdReader(config.idReader, options.protectId, log) : {};

  return {
    thermometer,
    ...readers,
    ...(simulatedThermometer ? { simulatedThermometer } : {}),
    ...(scanner ? { scanner } : {}),
    ...(simulatedScanner ? { simulatedScanner } : {}),
    scannerMode: s.mode,
    wedge,
    async close() {
      await Promise.allSettled([thermometer.close(), scanner?.close(), readers.idReader?.close()]);
    },
  };
}
