// `gate-kiosk devices list | read-temperature | simulate-thermometer | read-id-card | simulate-id-reader`: installer tools
// over the production drivers.
import { listDevices } from '../kiosk/platform/devices/list.ts';
import { hex } from '../kiosk/platform/devices/serial/frame-hunter.ts';
import { estimateBodyC } from '../kiosk/platform/devices/thermometer/measurement.ts';
import { STREAM_SCENARIOS, startThermometerSimulator, type StreamScenario } from '../kiosk/platform/devices/thermometer/protocol-simulator.ts';
import { DEFAULT_BAUD, THERMOMETER_PROTOCOLS, type ThermometerProtocol } from '../kiosk/platform/devices/thermometer/protocols.ts';
import { createSerialThermometer } from '../kiosk/platform/devices/thermometer/serial-thermometer.ts';
import { probeSam, readIdCard, simulateIdReader } from './devices-id-card.ts';
import { ID_READER_SCENARIOS } from '../kiosk/platform/devices/id-card/id-card-simulator.ts';
import { parseCommandArgs, UsageError } from './parse-args.ts';
import { cannotRead, startDeviceSession } from './device-session.ts';
import { runSimulatorOnPort } from './simulator-port.ts';

const HELP = `Usage: gate-kiosk devices <list | read-temperature | simulate-thermometer | read-id-card | simulate-id-reader> [options]

  list [--probe] [--probe-port PATH]   serial ports, HID-POS scanners (usage page 0x8C) and ID card readers; --probe asks
                                       each listed serial port for a SAM module, --probe-port one path (also PTYs)
  read-temperature --port PATH --protocol ${THERMOMETER_PROTOCOLS.join('|')} [--baud N] [--count N] [--timeout-ms N]
                                       one JSON line per reading or rejected frame; exits after N readings
  simulate-thermometer --port PATH --protocol ${THERMOMETER_PROTOCOLS.join('|')} --scenario ${STREAM_SCENARIOS.join('|')}
                       [--baud N] [--interval-ms N]
                                       writes a real protocol stream into PATH (e.g. one end of a socat PTY pair)
  read-id-card --port PATH [--baud N] [--count N] [--timeout-ms N]
                                       one JSON line per card read (masked ID, never the full number) or rejected
                                       frame; exits after N cards
  simulate-id-reader --port PATH --scenario ${ID_READER_SCENARIOS.join('|')} [--baud N]
                                       an ID card reader's SAM module on PATH: cards arrive and leave`;

const OPTIONS = {
  port: { type: 'string' },
  protocol: { type: 'string' },
  scenario: { type: 'string' },
  baud: { type: 'string' },
  count: { type: 'string' },
  'timeout-ms': { type: 'string' },
  'interval-ms': { type: 'string' },
  probe: { type: 'boolean' },
  'probe-port': { type: 'string', multiple: true },
} as const;

/** The flags that take a text value (the boolean and repeated ones are read where they are used). */
const textValues = (values: Record<string, unknown>) => Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v === 'string')) as Record<string, string | undefined>;

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${flag} must be a positive whole number, got "${value}"`);
  return n;
}

function protocolOf(value: string | undefined): ThermometerProtocol {
  if (!THERMOMETER_PROTOCOLS.includes(value as ThermometerProtocol)) {
    throw new UsageError(`--protocol must be one of ${THERMOMETER_PROTOCOLS.join(', ')}${value ? `, got "${value}"` : ''}`);
  }
  return value as ThermometerProtocol;
}

function portOf(value: string | undefined): string {
  if (!value) throw new UsageError('--port PATH is required (see `gate-kiosk devices list`)');
  return value;
}

async function list(probe: boolean, probePorts: string[]): Promise<number> {
  const { serial, hid } = await listDevices();
  console.log('Serial ports:');
  if (!serial.ok) console.log(`  ${serial.error}`);
  else if (serial.ports.length === 0) console.log('  none (PTYs from socat are never listed; use their path directly)');
  else for (const p of serial.ports) {
    const usb = p.vendorId ? ` usb ${p.vendorId}:${p.productId}${p.serialNumber ? ` serial ${p.serialNumber}` : ''}` : '';
    console.log(`  ${p.path}${usb}${p.manufacturer ? ` (${p.manufacturer})` : ''}`);
  }
  console.log('HID-POS scanners:');
  if (!hid.ok) console.log(`  ${hid.error}`);
  else if (hid.scanners.length === 0) console.log(`  none (${hid.otherHidCount} other HID device(s); a scanner in keyboard-wedge mode is not listed here)`);
  else for (const d of hid.scanners) {
    const id = `${d.vendorId.toString(16).padStart(4, '0')}:${d.productId.toString(16).padStart(4, '0')}`;
    console.log(`  ${d.path} usb ${id}${d.product ? ` ${d.product}` : ''}${d.serialNumber ? ` serial ${d.serialNumber}` : ''}`);
  }
  console.log('ID card readers (SAM module):');
  const paths = [...(probe && serial.ok ? serial.ports.map((p) => p.path) : []), ...probePorts];
  if (paths.length === 0) console.log('  not probed: add --probe to ask each serial port for a SAM module (it sends 11 FF), or --probe-port PATH');
  for (const path of paths) {
    const answer = await probeSam(path);
    console.log(answer.reader ? `  ${path}: ID card reader, SAM ${answer.status}` : `  ${path}: not a reader (${answer.why})`);
  }
  return 0;
}

async function readTemperature(values: Record<string, string | undefined>): Promise<number> {
  const path = portOf(values.port);
  const protocol = protocolOf(values.protocol);
  const baudRate = positiveInt(values.baud, 'baud') ?? DEFAULT_BAUD[protocol];
  const count = positiveInt(values.count, 'count') ?? Infinity;
  const timeoutMs = positiveInt(values['timeout-ms'], 'timeout-ms');
  const thermometer = createSerialThermometer({ target: { path }, protocol, baudRate });
  let readings = 0;
  return new Promise<number>((resolve) => {
    let opened = false;
    const { finish } = startDeviceSession({ close: () => thermometer.close(), timeoutMs, timedOut: () => `gate-kiosk devices: only ${readings} reading(s) within ${timeoutMs} ms` }, resolve);
    thermometer.onStatus((status) => {
      if (status.state === 'ready') opened = true;
      else if (!opened && status.state !== 'connecting') finish(1, cannotRead(path, status.detail ?? status.state));
      else if (status.state !== 'connecting') console.error(`gate-kiosk devices: ${status.state}: ${status.detail}`);
    });
    thermometer.onRejected((r) => console.log(JSON.stringify({ rejected: r.reason, bytes: hex(r.bytes), at: r.at })));
    thermometer.onReading((reading) => {
      // Readings decoded from the same chunk as the last one counted are not printed: exactly N lines.
      if (readings >= count) return;
      const estimate = reading.bodyC === undefined && reading.objectC !== undefined && reading.ambientC !== undefined;
      const line = estimate ? { ...reading, estimatedBodyC: Math.round(estimateBodyC(reading.objectC!, reading.ambientC!) * 10) / 10 } : reading;
      console.log(JSON.stringify(line));
      if (++readings >= count) finish(0);
    });
  });
}

async function simulateThermometer(values: Record<string, string | undefined>): Promise<number> {
  const path = portOf(values.port);
  const protocol = protocolOf(values.protocol);
  const scenario = values.scenario ?? 'normal';
  if (!STREAM_SCENARIOS.includes(scenario as StreamScenario)) throw new UsageError(`--scenario must be one of ${STREAM_SCENARIOS.join(', ')}`);
  const baudRate = positiveInt(values.baud, 'baud') ?? DEFAULT_BAUD[protocol];
  const intervalMs = positiveInt(values['interval-ms'], 'interval-ms');
  return runSimulatorOnPort(path, baudRate, `a ${protocol} thermometer (${scenario})`, (link) => startThermometerSimulator(link, { protocol, scenario: scenario as StreamScenario, ...(intervalMs ? { intervalMs } : {}) }));
}

export async function run(args: string[]): Promise<number> {
  try {
    const parsed = parseCommandArgs(args, OPTIONS, HELP);
    if (!parsed) return 0;
    const [sub, ...extra] = parsed.positionals;
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
    if (sub === 'list') return await list(parsed.values.probe === true, parsed.values['probe-port'] ?? []);
    if (sub === 'read-id-card') {
      const v = parsed.values;
      return await readIdCard(portOf(v.port), { baudRate: positiveInt(v.baud, 'baud'), count: positiveInt(v.count, 'count') ?? Infinity, timeoutMs: positiveInt(v['timeout-ms'], 'timeout-ms') });
    }
    if (sub === 'simulate-id-reader') return await simulateIdReader(portOf(parsed.values.port), { baudRate: positiveInt(parsed.values.baud, 'baud'), scenario: parsed.values.scenario });
    if (sub === 'read-temperature') return await readTemperature(textValues(parsed.values));
    if (sub === 'simulate-thermometer') return await simulateThermometer(textValues(parsed.values));
    throw new UsageError(sub ? `unknown devices command "${sub}"` : 'which devices command?');
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`gate-kiosk devices: ${error.message}${error.message.includes('Usage:') ? '' : `\n\n${HELP}`}`);
    return 2;
  }
}
