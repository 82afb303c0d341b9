// A person through the gate in Debian's Chromium against the real browser host, and the row found in the SQLite file.
import { openKioskDb } from '../support/kiosk-db.ts';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openKioskPage, typeKeys } from '../support/chromium.ts';
import { repoRoot, startKiosk, type RunningKiosk } from '../support/kiosk.ts';
import { tempDir } from '../support/temp-dir.ts';
import { SEED, seedRoster } from '../support/roster-seed.ts';

// A signed gate code, but this fresh kiosk has no trust list yet: it cannot be verified.
const SCAN = 'GK1:6BFOXN*TS0BI$ZD8UH';

function rowsIn(dataDir: string) {
  const db = openKioskDb(dataDir, { readonly: true });
  try {
    return db.prepare('SELECT identity_name, code_status, code_source, body_c, mask_worn, decision, reasons FROM entries ORDER BY at_ms').all() as Array<Record<string, unknown>>;
  } finally {
    db.close();
  }
}

describe('checkpoint in Chromium', () => {
  let browser: Browser;
  let kiosk: RunningKiosk;
  // The four musts need a person on file: one resident on the roster, found by ID number.
  const data = tempDir('gate-kiosk-e2e-');

  beforeAll(async () => {
    seedRoster(data.dir);
    browser = await launchChromium();
    kiosk = await startKiosk({ dataDir: data.dir });
  });
  afterAll(async () => {
    await browser?.close();
    await kiosk?.stop();
    data.remove();
  });

  it('scans, confirms the colour, measures, checks the mask and passes; the row survives a crash', async () => {
    const { page, errors } = await openKioskPage(browser, kiosk.url);
    await page.getByRole('heading', { name: '请出示健康码' }).waitFor();
    mkdirSync(path.join(repoRoot, 'docs/screenshots'), { recursive: true });
    await page.screenshot({ path: path.join(repoRoot, 'docs/screenshots/checkpoint.png') });

    await typeKeys(page, SCAN, 5);
    // No verifier is set up on a fresh kiosk: the screen says so, never shows a colour, and offers the fallback.
    await page.getByText('无法核验').first().waitFor();
    await page.getByRole('button', { name: /绿码/ }).click();
    await page.getByRole('button', { name: /居民：身份证号/ }).click();
    await page.getByLabel('身份证号').fill(SEED.idNumber);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '是否佩戴口罩？' }).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: /已戴口罩/ }).click();
    const result = page.locator('[data-decision]');
    await expect.poll(() => result.getAttribute('data-decision')).toBe('pass');
    await page.getByText('通行').first().waitFor();
    await page.locator('.today-log tr.pass', { hasText: '李四' }).waitFor();
    expect(errors).toEqual([]);

    // Kill the host the hard way: what the screen showed as passed is on disk.
    await kiosk.stop('SIGKILL');
    const rows = rowsIn(kiosk.dataDir);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ identity_name: '李四', code_status: 'green', code_source: 'manual', mask_worn: 1, decision: 'pass', reasons: '[]' });
    expect(rows[0]!.body_c).toBeGreaterThan(36);
    kiosk = await startKiosk({ dataDir: kiosk.dataDir });
  });

  it('refuses a red code at once and records it', async () => {
    const { page } = await openKioskPage(browser, kiosk.url);
    await page.getByRole('heading', { name: '请出示健康码' }).waitFor();
    await typeKeys(page, 'GK1:6BFOXN*TS0BI$ZD9XX', 5);
    await page.getByText('无法核验').first().waitFor();
    await page.getByRole('button', { name: /红码/ }).click();
    await expect.poll(() => page.locator('[data-decision]').getAttribute('data-decision')).toBe('refuse');
    await page.getByText('禁止通行').first().waitFor();
    await page.getByText('请对方联系社区').waitFor();
    const rows = rowsIn(kiosk.dataDir);
    expect(rows.at(-1)).toMatchObject({ code_status: 'red', decision: 'refuse', reasons: '["code-red"]', body_c: null });
  });

  it('does not take keys typed slowly by a person as a scan', async () => {
    const { page } = await openKioskPage(browser, kiosk.url);
    await page.getByRole('heading', { name: '请出示健康码' }).waitFor();
    await typeKeys(page, 'ABCDEFGH12', 140);
    await page.waitForTimeout(400);
    expect(await page.locator('main.checkpoint').getAttribute('data-step')).toBe('scan');
  });

  it('switches to English and back', async () => {
    const { page } = await openKioskPage(browser, kiosk.url);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Show your health code' }).waitFor();
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '请出示健康码' }).waitFor();
  });
});
