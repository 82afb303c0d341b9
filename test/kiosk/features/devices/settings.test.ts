// Device settings from the console: validated by config.json's own schema, saved for the next start, audited; a test
// read opens the thermometer on its own.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../../../src/kiosk/platform/calls/caller.ts';
import { startConsoleCore, type ConsoleHarness } from '../../../support/console-core.ts';

let h: ConsoleHarness;
let manager: Caller;
let admin: Caller;
beforeAll(async () => {
  h = await startConsoleCore();
  manager = await h.signIn('wang', { password: 'manager-pass' });
  admin = await h.signIn('boss', { password: 'admin-pass-1' });
});
afterAll(() => h?.close());

describe('device settings', () => {
  it('lists what is plugged in and the protocols', async () => {
    const settings = await h.call<{ protocols: string[]; config: { thermometer: { mode: string } } }>('devices.settings.get', {}, manager);
    expect(settings.protocols).toContain('aa55');
    expect(settings.config.thermometer.mode).toBe('simulated');
  });

  it('refuses settings the schema refuses, saves good ones into config.json for the next start, audited', async () => {
    expect(await h.result('devices.settings.save', { config: { thermometer: { mode: 'serial', protocol: 'aa55' } } }, admin)).toMatchObject({ ok: false, error: { code: 'bad-input', message: expect.stringMatching(/port path/) } });
    const good = { thermometer: { mode: 'serial', path: '/dev/ttyUSB0', protocol: 'aa55' }, scanner: { mode: 'hid-pos' } };
    expect(await h.call('devices.settings.save', { config: good }, admin)).toEqual({ saved: true, restartNeeded: true });
    const saved = JSON.parse(readFileSync(path.join(h.dataDir, 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(saved.devices).toEqual(good);
    expect(saved.compoundName).toBe('幸福里');
    const audit = await h.call<{ records: Array<{ action: string; actor: string }> }>('audit.list', { action: 'device-settings' }, manager);
    expect(audit.records[0]).toMatchObject({ actor: 'boss' });
  });

  it.each([
    [{ thermometer: { mode: 'serial', path: '/dev/ttyUSB0', protocol: 'aa56' } }, /is not a thermometer protocol/],
    [{ thermometer: { mode: 'serial', path: '/dev/ttyUSB0', protocol: 'aa55', baudRate: 11520 } }, /is not a serial baud rate/],
    [{ thermometer: { mode: 'simulated' }, scaner: { mode: 'wedge' } }, /Unrecognized key/],
  ])('refuses what config.json would refuse at start: %j', async (config, message) => {
    expect(await h.result('devices.settings.save', { config }, admin)).toMatchObject({ ok: false, error: { code: 'bad-input', message: expect.stringMatching(message) } });
  });

  it('test-reads a simulated thermometer, and says why a missing port gives nothing', async () => {
    expect(await h.call('devices.settings.testRead', { thermometer: { mode: 'simulated', scenario: 'normal' }, timeoutMs: 10_000 }, admin)).toMatchObject({ ok: true, bodyC: expect.any(Number) });
    const missing = await h.call<{ ok: boolean; reason: string }>('devices.settings.testRead', { thermometer: { mode: 'serial', path: '/dev/does-not-exist', protocol: 'ascii' }, timeoutMs: 1500 }, admin);
    expect(missing.ok).toBe(false);
    expect(missing.reason.length).toBeGreaterThan(5);
  });

  it('is changed by admins only: a manager may look, a volunteer not even that', async () => {
    const volunteer = await h.signIn('li', { password: 'volunteer-pass' });
    const good = { thermometer: { mode: 'simulated', scenario: 'normal' }, scanner: { mode: 'wedge' } };
    expect(await h.result('devices.settings.save', { config: good }, volunteer)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await h.result('devices.settings.save', { config: good }, manager)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await h.result('devices.settings.testRead', { thermometer: { mode: 'simulated' } }, manager)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await h.result('devices.settings.get', {}, volunteer)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('ID card reader settings (issue 15)', () => {
  it('saves a serial reader, refuses a bad one, and tests a real SAM module on a PTY before saving', async () => {
    const { createPtyPair, openDeviceEnd } = await import('../../../support/pty.ts');
    const { startIdReaderSimulator } = await import('../../../../src/kiosk/platform/devices/id-card/id-card-simulator.ts');
    const pty = await createPtyPair();
    const channel = await openDeviceEnd(pty.device);
    const simulator = startIdReaderSimulator(channel, { scenario: 'manual' });
    try {
      expect(await h.call('devices.settings.testIdReader', { idReader: { mode: 'serial', path: pty.kiosk } }, admin)).toEqual({ ok: true, detail: 'SAM success (00 00 90)' });
      expect(await h.call('devices.settings.testIdReader', { idReader: { mode: 'serial', path: '/dev/gate-no-reader' } }, admin)).toMatchObject({ ok: false, detail: expect.stringMatching(/does not exist/) });
      expect(await h.result('devices.settings.testIdReader', { idReader: { mode: 'serial' } }, admin)).toMatchObject({ ok: false, error: { code: 'bad-input', key: 'device-settings-invalid' } });
      expect(await h.result('devices.settings.testIdReader', { idReader: { mode: 'simulated' } }, manager)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    } finally {
      simulator.stop();
      await channel.close();
      await pty.close();
    }
    const config = { thermometer: { mode: 'simulated' }, idReader: { mode: 'serial', path: '/dev/gate-id-reader', baudRate: 115200 } };
    expect(await h.call('devices.settings.save', { config }, admin)).toEqual({ saved: true, restartNeeded: true });
    expect((JSON.parse(readFileSync(path.join(h.dataDir, 'config.json'), 'utf8')) as { devices: unknown }).devices).toEqual(config);
    expect(await h.result('devices.settings.save', { config: { idReader: { mode: 'serial', baudRate: 115200 } } }, admin)).toMatchObject({ ok: false, error: { message: expect.stringMatching(/idReader: give the port path/) } });
  });
});
