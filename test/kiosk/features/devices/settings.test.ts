// Device settings from the console: validated by config.json's own schema, saved for the next start, audited; a test
// read opens the thermometer on its own.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../../../src/kiosk/platform/calls/caller.ts';
import { startConsoleCore, type ConsoleHarness } from '../../../support/console-core.ts';

let h: ConsoleHarness;
let manager: Caller;
beforeAll(async () => {
  h = await startConsoleCore();
  manager = await h.signIn('wang', { password: 'manager-pass' });
});
afterAll(() => h?.close());

describe('device settings', () => {
  it('lists what is plugged in and the protocols', async () => {
    const settings = await h.call<{ protocols: string[]; config: { thermometer: { mode: string } } }>('devices.settings.get', {}, manager);
    expect(settings.protocols).toContain('aa55');
    expect(settings.config.thermometer.mode).toBe('simulated');
  });

  it('refuses settings the schema refuses, saves good ones into config.json for the next start, audited', async () => {
    expect(await h.result('devices.settings.save', { config: { thermometer: { mode: 'serial', protocol: 'aa55' } } }, manager)).toMatchObject({ ok: false, error: { code: 'bad-input', message: expect.stringMatching(/port path/) } });
    const good = { thermometer: { mode: 'serial', path: '/dev/ttyUSB0', protocol: 'aa55' }, scanner: { mode: 'hid-pos' } };
    expect(await h.call('devices.settings.save', { config: good }, manager)).toEqual({ saved: true, restartNeeded: true });
    const saved = JSON.parse(readFileSync(path.join(h.dataDir, 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(saved.devices).toEqual(good);
    expect(saved.compoundName).toBe('幸福里');
    const audit = await h.call<{ records: Array<{ action: string; actor: string }> }>('audit.list', { action: 'device-settings' }, manager);
    expect(audit.records[0]).toMatchObject({ actor: 'wang' });
  });

  it.each([
    [{ thermometer: { mode: 'serial', path: '/dev/ttyUSB0', protocol: 'aa56' } }, /is not a thermometer protocol/],
    [{ thermometer: { mode: 'serial', path: '/dev/ttyUSB0', protocol: 'aa55', baudRate: 11520 } }, /is not a serial baud rate/],
    [{ thermometer: { mode: 'simulated' }, scaner: { mode: 'wedge' } }, /Unrecognized key/],
  ])('refuses what config.json would refuse at start: %j', async (config, message) => {
    expect(await h.result('devices.settings.save', { config }, manager)).toMatchObject({ ok: false, error: { code: 'bad-input', message: expect.stringMatching(message) } });
  });

  it('test-reads a simulated thermometer, and says why a missing port gives nothing', async () => {
    expect(await h.call('devices.settings.testRead', { thermometer: { mode: 'simulated', scenario: 'normal' }, timeoutMs: 10_000 }, manager)).toMatchObject({ ok: true, bodyC: expect.any(Number) });
    const missing = await h.call<{ ok: boolean; reason: string }>('devices.settings.testRead', { thermometer: { mode: 'serial', path: '/dev/does-not-exist', protocol: 'ascii' }, timeoutMs: 1500 }, manager);
    expect(missing.ok).toBe(false);
    expect(missing.reason.length).toBeGreaterThan(5);
  });

  it('is closed to volunteers', async () => {
    const volunteer = await h.signIn('li', { pin: '2468' });
    expect(await h.result('devices.settings.save', { config: {} }, volunteer)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
