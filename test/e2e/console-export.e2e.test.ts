// A manager exports 100,000 rows in Chromium: the page says how far the export is while the core writes it (in the
// console worker), the download arrives as a real XLSX, and in English the CSV speaks English.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openKioskPage } from '../support/chromium.ts';
import { startKiosk, type RunningKiosk } from '../support/kiosk.ts';
import { seedEntries } from '../support/seed-entries.ts';
import { tempDir } from '../support/temp-dir.ts';

const ROWS = 100_000;
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

let browser: Browser;
let kiosk: RunningKiosk;
let temp: ReturnType<typeof tempDir>;
let page: Page;
let errors: string[];

beforeAll(async () => {
  temp = tempDir('gate-export-e2e-');
  expect(seedEntries(temp.dir, { days: [today], perDay: ROWS, seed: 12 })).toBe(ROWS);
  [browser, kiosk] = await Promise.all([launchChromium(), startKiosk({ dataDir: temp.dir })]);
  const setup = await kiosk.invoke('setup.complete', { compoundName: '幸福里小区', compoundCode: 'XFL-001', manager: { username: 'boss', displayName: '陈主任', password: 'admin-pass-1' }, registryUrl: '' });
  expect(setup.body.ok).toBe(true);
  ({ page, errors } = await openKioskPage(browser, `${kiosk.url}#/console`));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
  temp?.remove();
});

describe('export in Chromium', () => {
  it('shows how far an export of 100,000 rows is, then downloads the workbook', async () => {
    await page.getByLabel('用户名').fill('boss');
    await page.getByLabel('密码', { exact: true }).fill('admin-pass-1');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('log-total').textContent(), { timeout: 30_000 }).toBe('共 100,000 条');
    const download = page.waitForEvent('download', { timeout: 180_000 });
    await page.getByRole('button', { name: '导出 Excel' }).click();
    // While it is written: a progress bar with the rows done of the total, in words.
    const progress = page.locator('.work-progress');
    await expect.poll(async () => (await progress.textContent()) ?? '', { timeout: 60_000 }).toMatch(/^正在导出：[\d,]+ \/ 100,000 条$/);
    expect(await page.getByRole('button', { name: '导出 Excel' }).isDisabled()).toBe(true);
    const file = await download;
    expect(file.suggestedFilename()).toBe(`gate-log-${today}.xlsx`);
    const bytes = readFileSync((await file.path())!);
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'latin1'));
    await page.getByRole('status').filter({ hasText: new RegExp(`已导出 100,?000 条（gate-log-${today}\\.xlsx）`) }).waitFor();
    expect(await progress.count()).toBe(0);
  }, 240_000);

  it('exports in English once the manager switched the language', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByLabel('All results').selectOption('refuse');
    const download = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const text = readFileSync((await (await download).path())!, 'utf8');
    const [header, first] = text.slice(1).split('\r\n');
    expect(header!.split(',').slice(0, 3)).toEqual(['Time', 'Direction', 'Lane']);
    expect(first).toContain(',Refused,');
    expect(first).toContain(',refuse,');
    expect(errors).toEqual([]);
  }, 180_000);
});
