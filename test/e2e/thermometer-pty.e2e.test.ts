// The production thermometer driver end to end: the protocol simulator writes AA 55 frames into one end of a real
// socat PTY pair, the kiosk's serial driver reads the other, and the reading reaches the screen and the log.
// Then the device is unplugged and plugged in again, and the screen follows.
import { spawn, type ChildProcess } from 'node:child_process';
import { openKioskDb } from '../support/kiosk-db.ts';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPtyPair, type PtyPair } from '../support/pty.ts';
import { SEED, seedRoster } from '../support/roster-seed.ts';
import { launchChromium, openKioskPage, typeKeys } from '../support/chromium.ts';
import { cli, repoRoot, startKiosk, type RunningKiosk } from '../support/kiosk.ts';
import { tempDir } from '../support/temp-dir.ts';

function simulate(port: string): ChildProcess {
  return spawn(process.execPath, [cli, 'devices', 'simulate-thermometer', '--port', port, '--protocol', 'aa55', '--scenario', 'normal'], { cwd: repoRoot, stdio: 'ignore' });
}

async function stopProcess(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const thermometerState = (page: Page) => page.locator('.device-bar li', { hasText: '测温仪' });

describe('serial thermometer to screen', () => {
  const data = tempDir('gate-kiosk-pty-');
  let pty: PtyPair;
  let device: ChildProcess | null = null;
  let kiosk: RunningKiosk;
  let browser: Browser;

  beforeAll(async () => {
    pty = await createPtyPair();
    device = simulate(pty.device);
    seedRoster(data.dir);
    kiosk = await startKiosk({ dataDir: data.dir, config: { devices: { thermometer: { mode: 'serial', path: pty.kiosk, protocol: 'aa55' } } } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await kiosk?.stop();
    await stopProcess(device);
    await pty?.close();
    data.remove();
  });

  it('shows the real thermometer ready, and its reading on screen and in the log', async () => {
    const { page, errors } = await openKioskPage(browser, kiosk.url);
    await thermometerState(page).getByText('正常').waitFor({ timeout: 20_000 });
    expect(await thermometerState(page).textContent()).not.toContain('模拟设备');

    await typeKeys(page, 'GK1:6BFOXN*TS0BI$ZD8UH', 5);
    await page.getByRole('button', { name: /绿码/ }).click();
    await page.getByRole('button', { name: /居民：身份证号/ }).click();
    await page.getByLabel('身份证号').fill(SEED.idNumber);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '是否佩戴口罩？' }).waitFor({ timeout: 20_000 });
    const shown = await page.locator('.temperature-taken').textContent();
    await page.getByRole('button', { name: /已戴口罩/ }).click();
    await expect.poll(() => page.locator('[data-decision]').getAttribute('data-decision')).toBe('pass');

    const db = openKioskDb(data.dir, { readonly: true });
    const row = db.prepare('SELECT body_c, temperature_source FROM entries ORDER BY at_ms DESC LIMIT 1').get() as { body_c: number; temperature_source: string };
    db.close();
    expect(row.temperature_source).toBe('device');
    expect(row.body_c).toBeGreaterThan(36);
    expect(row.body_c).toBeLessThan(37.3);
    expect(shown).toBe(`${row.body_c.toFixed(1)}°C`);
    expect(errors).toEqual([]);
  });

  it('follows an unplug and a replug of the thermometer', async () => {
    const { page } = await openKioskPage(browser, kiosk.url);
    await thermometerState(page).getByText('正常').waitFor({ timeout: 20_000 });
    await stopProcess(device);
    await pty.unplug();
    await thermometerState(page).getByText(/未连接|连接中|故障/).waitFor({ timeout: 30_000 });
    await pty.plug();
    device = simulate(pty.device);
    await thermometerState(page).getByText('正常').waitFor({ timeout: 60_000 });
  });
});
