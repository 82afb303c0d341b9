// Issue 13.5 in Debian's Chromium with real key events at 1280x800: when the thermometer is down (the header says so)
// the handheld input has the keys at once, and 36.5 Enter goes on; when no reading comes the message is in the chosen
// language and * measures again from the keypad.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '../support/roster-seed.ts';
import { E2E_DEVICES, openGate, type Gate } from '../support/gate-e2e.ts';
import { volunteerKey, volunteerTypes } from '../support/real-keys.ts';

/** A resident without a smartphone, by household, up to the temperature step. */
async function toTemperature(gate: Gate) {
  const page = gate.page;
  await page.getByRole('heading', { name: '请出示健康码' }).waitFor();
  await volunteerKey(page, '0');
  await volunteerKey(page, '1');
  await volunteerKey(page, '2');
  await volunteerTypes(page, SEED.household);
  await volunteerKey(page, 'Enter');
  await page.getByRole('heading', { name: '测量体温' }).waitFor();
}

describe('the thermometer down, in Chromium', { timeout: 120_000 }, () => {
  let gate: Gate;
  beforeAll(async () => {
    gate = await openGate({ config: { devices: { ...E2E_DEVICES, thermometer: { mode: 'serial', path: '/dev/gate-kiosk-no-such-thermometer', protocol: 'aa55' } } } });
  }, 120_000);
  afterAll(() => gate?.close());

  it('gives the handheld input the keys at once, in the chosen language', async () => {
    const page = gate.page;
    await page.locator('.device-bar .device.disconnected, .device-bar .device.error').filter({ hasText: '测温仪' }).waitFor();
    await toTemperature(gate);
    await page.getByTestId('thermometer-problem').getByText('测温仪未连接：请用手持测温枪测量，输入体温后按回车。').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('手工输入体温（手持测温枪）');
    await volunteerTypes(page, '36.5');
    await volunteerKey(page, 'Enter');
    await page.getByRole('heading', { name: '是否佩戴口罩？' }).waitFor();
    await volunteerKey(page, '1');
    await page.locator('[data-decision="pass"]').waitFor();
    expect(gate.lastRow()).toMatchObject({ body_c: 36.5, temperature_source: 'manual' });
    await volunteerKey(page, 'Enter');
  });

  it('says it in English on the English screen', async () => {
    const page = gate.page;
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Show your health code' }).waitFor();
    await volunteerKey(page, '0');
    await volunteerKey(page, '1');
    await volunteerKey(page, '2');
    await volunteerTypes(page, SEED.household);
    await volunteerKey(page, 'Enter');
    await page.getByTestId('thermometer-problem').getByText(/Thermometer not connected: measure with the handheld thermometer/).waitFor();
    await volunteerKey(page, 'Escape');
    await page.getByRole('button', { name: '中文' }).click();
    expect(gate.errors).toEqual([]);
  });
});

describe('no reading from the thermometer, in Chromium', { timeout: 120_000 }, () => {
  let gate: Gate;
  beforeAll(async () => {
    gate = await openGate({ config: { devices: { ...E2E_DEVICES, thermometer: { mode: 'simulated', scenario: 'nobody' } } } });
  }, 120_000);
  afterAll(() => gate?.close());

  it('says so in words, and * measures again from the keypad', async () => {
    const page = gate.page;
    await toTemperature(gate);
    // Nobody in front of the sensor: the measurement gives up (8 s) and says so in Chinese, not the driver's English.
    const problem = page.getByTestId('thermometer-problem');
    await problem.getByText('测温仪没有测到体温：请再对准测温仪（按 * 重测），或输入手持测温枪的读数。').waitFor();
    expect(await problem.textContent()).not.toMatch(/[a-z]{4,}/);
    await gate.kiosk.invoke('sim.thermometer.scenario', { scenario: 'normal' });
    await volunteerKey(page, '*');
    await problem.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: '是否佩戴口罩？' }).waitFor();
    await volunteerKey(page, '1');
    await page.locator('[data-decision="pass"]').waitFor();
    expect(gate.lastRow()).toMatchObject({ temperature_source: 'device' });
    expect(gate.errors).toEqual([]);
  });
});
