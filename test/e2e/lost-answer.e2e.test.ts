// Two things a volunteer and a manager meet in Chromium (14.6, 14.7): the answer to "record" is lost on the way back
// and the volunteer presses Try again (the person is recorded once, the screen sends one key per person); and a
// broken audit chain shown loudly at the top of the console.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openKioskPage, typeKeys } from '../support/chromium.ts';
import { startKiosk, type RunningKiosk } from '../support/kiosk.ts';
import { openKioskDb } from '../support/kiosk-db.ts';
import { SEED, seedRoster } from '../support/roster-seed.ts';
import { tempDir } from '../support/temp-dir.ts';
import { createAccounts } from '../../src/kiosk/features/accounts/accounts.ts';
import { openStore } from '../../src/kiosk/platform/store/open-store.ts';

describe('a lost answer and a damaged audit log, in Chromium', () => {
  let browser: Browser;
  let kiosk: RunningKiosk;
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

  it('records a person once when the answer was lost and the volunteer tries again', async () => {
    const { page } = await openKioskPage(browser, kiosk.url);
    const keys: string[] = [];
    let lost = 0;
    await page.route('**/api/invoke/entries.record', async (route) => {
      keys.push((JSON.parse(route.request().postData() ?? '{}') as { idempotencyKey?: string }).idempotencyKey ?? '');
      if (lost++ === 0) {
        // The kiosk records the person, and the answer never reaches the screen.
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    await page.getByRole('heading', { name: '请出示健康码' }).waitFor();
    await typeKeys(page, 'GK1:6BFOXN*TS0BI$ZD9XX', 5);
    await page.getByText('无法核验').first().waitFor();
    await page.getByRole('button', { name: /红码/ }).click();
    await page.getByRole('button', { name: /重试/ }).click();
    await expect.poll(() => page.locator('[data-decision]').getAttribute('data-decision')).toBe('refuse');
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(keys[1]).toBe(keys[0]);
    const db = openKioskDb(kiosk.dataDir, { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM entries').get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }

    // The next person gets a new key.
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '请出示健康码' }).waitFor();
    await typeKeys(page, 'GK1:6BFOXN*TS0BI$ZD9YY', 5);
    await page.getByText('无法核验').first().waitFor();
    await page.getByRole('button', { name: /红码/ }).click();
    await expect.poll(() => keys.length).toBe(3);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('shows a broken audit chain to the manager at the top of the console', async () => {
    await kiosk.stop();
    createManager(data.dir);
    // Someone with the file and its key removes an audit record, triggers dropped.
    const tamper = openKioskDb(data.dir);
    tamper.exec('DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = (SELECT min(seq) FROM audit_log);');
    tamper.close();
    kiosk = await startKiosk({ dataDir: data.dir });
    const { page } = await openKioskPage(browser, `${kiosk.url}#/console`);
    await page.getByLabel('用户名').fill(SEED.manager.username);
    await page.getByLabel('密码或 PIN').fill(SEED.manager.password);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    const banner = page.getByTestId('storage-banner');
    await banner.waitFor();
    await expect.poll(() => banner.textContent()).toMatch(/存储异常：请立即处理.*审计日志链断裂.*audit records 1\.\.1 are missing/s);
  });
});

/** A manager account in the stopped kiosk's database (its creation is audited: the chain has a record to lose). */
function createManager(dataDir: string): void {
  const db = openStore(dataDir);
  try {
    createAccounts({ db }).createUser({ username: SEED.manager.username, displayName: '张经理', role: 'manager', password: SEED.manager.password }, { name: 'setup', role: 'admin' });
  } finally {
    db.close();
  }
}
