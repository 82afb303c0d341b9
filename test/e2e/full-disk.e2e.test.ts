// Issue 14 as the volunteer meets it: the disk under the kiosk's data folder (its own small tmpfs) fills up while
// people are recorded in Chromium. The screen says, in Chinese, that the disk is full and this person was NOT
// recorded, with Try again; once space returns, Try again records the person, once.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openKioskPage, typeKeys } from '../support/chromium.ts';
import { startKiosk, type RunningKiosk } from '../support/kiosk.ts';
import { openKioskDb } from '../support/kiosk-db.ts';
import { fillDisk, mountSmallDisk } from '../support/small-disk.ts';
import { untranslated } from '../support/screen-words.ts';

const DISK_MB = 8;
/** People recorded on the full disk until the kiosk refuses (SQLite first fills the WAL's free space). */
const MAX_PEOPLE = 20;

const root = mkdtempSync(path.join(os.tmpdir(), 'gate-kiosk-full-disk-e2e-'));
const mountPoint = path.join(root, 'disk');
mkdirSync(mountPoint);
const disk = mountSmallDisk(mountPoint, DISK_MB);

describe.skipIf('skip' in disk)('a full disk, on the gate screen', () => {
  const dataDir = path.join(mountPoint, 'data');
  const filler = path.join(mountPoint, 'filler');
  let kiosk: RunningKiosk;
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(dataDir, { mode: 0o700 });
    kiosk = await startKiosk({ dataDir, readyTimeoutMs: 60_000 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await kiosk?.stop('SIGKILL');
    if (!('skip' in disk)) disk.unmount();
    rmSync(root, { recursive: true, force: true });
  });

  const rows = () => {
    const db = openKioskDb(dataDir, { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM entries').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  it('says in the volunteer\'s language that the person was not recorded, and records them once space returns', async () => {
    const { page } = await openKioskPage(browser, kiosk.url);
    await page.getByRole('heading', { name: '请出示健康码' }).waitFor();
    fillDisk(filler);

    let refused = false;
    let people = 0;
    while (!refused && people++ < MAX_PEOPLE) {
      await typeKeys(page, `GK1:6BFOXN*TS0BI$ZD${String(people).padStart(2, '0')}`, 5);
      await page.getByText('无法核验').first().waitFor();
      await page.getByRole('button', { name: /红码/ }).click();
      const outcome = await Promise.race([
        page.locator('[data-decision="refuse"]').waitFor().then(() => 'recorded' as const),
        page.locator('.step.failed').waitFor().then(() => 'failed' as const),
      ]);
      if (outcome === 'failed') refused = true;
      else {
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { name: '请出示健康码' }).waitFor();
      }
    }
    expect(refused, `still recording after ${MAX_PEOPLE} people on a full disk`).toBe(true);
    const failed = page.locator('.step.failed');
    await expect.poll(() => failed.locator('h2').textContent()).toMatch(/磁盘已满，这条没有记录。请清理磁盘/);
    // No English beyond the key names (Enter, Esc) the buttons show.
    expect(untranslated([(await failed.textContent()) ?? ''], 'zh', [])).toEqual([]);
    const before = rows();
    expect(before).toBe(people - 1);

    rmSync(filler);
    await page.getByRole('button', { name: /重试/ }).click();
    await expect.poll(() => page.locator('[data-decision]').getAttribute('data-decision')).toBe('refuse');
    expect(rows()).toBe(before + 1);
  });
});
