// The device settings screen's backend: what is plugged in, the saved settings, saving them (validated by the same
// schema config.json uses; they apply at the next start) and a test read from a thermometer before saving.
import { recordAudit, type Actor } from '../../platform/audit/audit-log.ts';
import { GateError } from '../../../common/contract/errors.ts';
import type { Measurement } from '../../../common/contract/methods/devices.ts';
import { readRawConfig, writeConfig, type KioskConfig } from '../../platform/config/kiosk-config.ts';
import { IdReaderConfig, openDevices, parseDeviceConfig, ThermometerConfig } from '../../platform/devices/config.ts';
import { probeSam } from '../../platform/devices/id-card/probe.ts';
import { listDevices } from '../../platform/devices/list.ts';
import { measureOnce } from '../../platform/devices/thermometer/measurement.ts';
import { THERMOMETER_PROTOCOLS } from '../../platform/devices/thermometer/protocols.ts';
import type { Db } from '../../platform/store/open-store.ts';

const hex = (n: number) => n.toString(16).padStart(4, '0');

export async function deviceSettings(config: KioskConfig) {
  const listing = await listDevices();
  return {
    config: config.devices as unknown as Record<string, unknown>,
    protocols: [...THERMOMETER_PROTOCOLS],
    serialPorts: listing.serial.ok ? listing.serial.ports.map((p) => ({ path: p.path, vendorId: p.vendorId ?? null, productId: p.productId ?? null, manufacturer: p.manufacturer ?? null })) : [],
    serialError: listing.serial.ok ? null : listing.serial.error,
    hidScanners: listing.hid.ok ? listing.hid.scanners.map((d) => ({ vendorId: hex(d.vendorId), productId: hex(d.productId), product: d.product ?? null, path: d.path ?? null })) : [],
    hidError: listing.hid.ok ? null : listing.hid.error,
  };
}

export function saveDeviceSettings(deps: { db: Db; dataDir: string; now: () => Date }, raw: Record<string, unknown>, actor: Actor): { saved: true; restartNeeded: true } {
  const parsed = parseDeviceConfig(raw);
  if (!parsed.ok) throw new GateError('bad-input', `These device settings are not valid: ${parsed.error}.`, { key: 'device-settings-invalid', params: { why: parsed.error } });
  writeConfig(deps.dataDir, { ...readRawConfig(deps.dataDir), devices: raw });
  recordAudit(deps.db, { actor, action: 'device-settings', detail: { thermometer: parsed.config.thermometer.mode, scanner: parsed.config.scanner.mode, idReader: parsed.config.idReader.mode } }, deps.now());
  return { saved: true, restartNeeded: true };
}

/** Opens the given thermometer on its own and takes one measurement; a port the kiosk already holds says it is busy. */
export async function testThermometer(raw: Record<string, unknown>, timeoutMs: number): Promise<Measurement> {
  const parsed = ThermometerConfig.safeParse(raw);
  if (!parsed.success) throw new GateError('bad-input', `These thermometer settings are not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`, { key: 'device-settings-invalid', params: { why: parsed.error.issues.map((i) => i.path.join('.')).join(', ') } });
  const config = parsed.data.mode === 'simulated' ? { ...parsed.data, scenario: parsed.data.scenario === 'nobody' ? 'normal' : parsed.data.scenario } : parsed.data;
  const opened = openDevices({ thermometer: config, scanner: { mode: 'wedge' }, wedge: {}, idReader: { mode: 'none' } });
  let lastProblem: string | undefined;
  const stop = opened.thermometer.onStatus((s) => {
    if (s.state === 'error' || s.state === 'disconnected') lastProblem = s.detail ?? s.state;
  });
  try {
    const result = await measureOnce(opened.thermometer, { timeoutMs });
    if (result.ok) return { ok: true, bodyC: result.bodyC, objectC: result.objectC, ambientC: result.ambientC, readings: result.readings, estimated: result.estimated, note: result.note };
    return { ok: false, reason: lastProblem ? `${result.reason} (${lastProblem})` : result.reason };
  } finally {
    stop();
    await opened.close();
  }
}

/**
 * Asks the reader at these settings for its SAM status (issue 15). A reader the kiosk already holds answers that the
 * port is in use; a path is needed (a reader found by USB id is tested once saved, from the header's state).
 */
export async function testIdReader(raw: Record<string, unknown>): Promise<{ ok: boolean; detail: string }> {
  const parsed = IdReaderConfig.safeParse(raw);
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new GateError('bad-input', `These ID card reader settings are not valid: ${why}.`, { key: 'device-settings-invalid', params: { why } });
  }
  const config = parsed.data;
  if (config.mode === 'none') return { ok: true, detail: 'no reader' };
  if (config.mode === 'simulated') return { ok: true, detail: 'simulated reader' };
  if (!config.path) return { ok: false, detail: 'give the port path to test (a reader found by USB id shows its state in the header once saved)' };
  const answer = await probeSam(config.path, config.baudRate);
  return answer.reader ? { ok: true, detail: `SAM ${answer.status}` } : { ok: false, detail: answer.why };
}
