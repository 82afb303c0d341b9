// The manager's policy page in Chromium at 1280x800, typed with real key events: every setting editable, a bad value
// refused beside its field with words saying what to fix, a new version saved, and the history saying who changed what.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openKioskPage } from '../support/chromium.ts';
import { openKioskDb } from '../support/kiosk-db.ts';
import path from 'node:path';
import { repoRoot, startKiosk, type RunningKiosk } from '../support/kiosk.ts';
import { SEED, seedRoster } from '../support/roster-seed.ts';
import { tempDir } from '../support/temp-dir.ts';

describe('policy page in Chromium', { timeout: 90_000 }, () => {
  let browser: Browser;
  let kiosk: RunningKiosk;
  let page: Page;
  let errors: string[];
  const temp = tempDir('gate-policy-e2e-');

  beforeAll(async () => {
    await seedRoster(temp.dir, { full: true });
    [browser, kiosk] = await Promise.all([launchChromium(), startKiosk({ dataDir: temp.dir })]);
    ({ page, errors } = await openKioskPage(browser, kiosk.url));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await kiosk?.stop();
    temp.remove();
  });

  async function typeInto(label: string | RegExp, text: string) {
    const field = page.getByLabel(label, { exact: typeof label === 'string' });
    await field.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.type(text, { delay: 60 });
  }

  it('signs a manager in by keyboard and shows every setting of the policy in force', async () => {
    await page.goto(`${kiosk.url}#/console/policy`);
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await page.getByLabel('用户名').click();
    await page.keyboard.type(SEED.manager.username, { delay: 30 });
    await page.keyboard.press('Tab');
    await page.keyboard.type(SEED.manager.password, { delay: 30 });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '防控规则', level: 2 }).waitFor();
    for (const label of ['发热线', '健康码有效时长（分钟）', '离线沿用时长（分钟）']) await page.getByLabel(label, { exact: true }).waitFor();
    for (const group of ['接受的健康码来源', '出门时也检查']) await page.getByRole('group', { name: group }).waitFor();
    await page.getByLabel('允许访客').waitFor();
    await page.getByLabel('限制每户外出次数').waitFor();
    await page.getByRole('button', { name: '添加高峰时段' }).waitFor();
    await page.getByRole('button', { name: '添加健康要求' }).waitFor();
    await page.getByText('当前为初始设置（config.json）').waitFor();
  });

  it('refuses a bad fever line, an empty field and a window of no length, each beside its field, saying what to fix', async () => {
    await typeInto('发热线', '39.5');
    await page.getByRole('alert').filter({ hasText: '发热线：不能大于 39' }).waitFor();
    await typeInto('健康码有效时长（分钟）', '');
    await page.getByRole('alert').filter({ hasText: '健康码有效时长（分钟）：必须填写' }).waitFor();
    await page.getByRole('button', { name: '添加高峰时段' }).click();
    const window = page.getByTestId('peak-window-0');
    await window.getByLabel('结束时间（24小时制）').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('07:00', { delay: 60 });
    await page.getByRole('alert').filter({ hasText: '开始和结束时间不能相同' }).waitFor();
    await page.getByRole('button', { name: '保存为新版本' }).click();
    const problems = page.getByTestId('policy-problems');
    await problems.filter({ hasText: '请先改正 3 处' }).waitFor();
    expect(await problems.textContent()).not.toMatch(/[a-z]{4,}/i);
    const saved = openKioskDb(temp.dir, { readonly: true });
    expect(saved.prepare('SELECT count(*) AS n FROM policy_versions').get()).toEqual({ n: 0 });
    saved.close();
  });

  it('saves a corrected policy as version 1 and the history says who changed what', async () => {
    await typeInto('发热线', '37.5');
    await typeInto('健康码有效时长（分钟）', '720');
    await page.getByTestId('peak-window-0').getByLabel('结束时间（24小时制）').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('9:30', { delay: 60 });
    await page.getByTestId('peak-window-0').getByRole('alert').filter({ hasText: '结束时间：格式不对' }).waitFor();
    await page.keyboard.press('Home');
    await page.keyboard.type('0', { delay: 60 });
    await page.getByLabel('限制每户外出次数').check();
    await typeInto('每户人次', '2');
    await page.getByRole('button', { name: '添加健康要求' }).click();
    await page.getByTestId('health-rule-0').getByLabel('核酸检测时限（小时）').selectOption({ label: '72 小时内' });
    await typeInto('修改说明（选填）', '早高峰开快速通道');
    await page.getByRole('button', { name: '保存为新版本' }).click();
    await page.getByRole('status').filter({ hasText: '已保存为第 1 版。' }).waitFor();
    const row = page.getByTestId('policy-history').locator('tr[data-version="1"]');
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain(SEED.manager.username);
    expect(text).toContain('早高峰开快速通道');
    expect(text).toContain('发热线：37.3 °C → 37.5 °C');
    expect(text).toContain('健康码有效时长（分钟）：1440 分钟 → 720 分钟');
    expect(text).toContain('高峰时段：无 → 07:00–09:30 周一、周二、周三、周四、周五');
    expect(text).toContain('每户外出限额：不限 → 每户每 2 天 2 人次');
    expect(text).toContain('72 小时内');
    await page.getByText(/当前第 1 版 · zhang/).waitFor();
    await page.screenshot({ path: path.join(repoRoot, 'docs/screenshots/console-policy.png'), fullPage: true });
    const db = openKioskDb(temp.dir, { readonly: true });
    try {
      const stored = db.prepare('SELECT content, changed_by FROM policy_versions WHERE version = 1').get() as { content: string; changed_by: string };
      expect(stored.changed_by).toBe(SEED.manager.username);
      expect(JSON.parse(stored.content)).toMatchObject({ feverLineC: 37.5, codeFreshnessMinutes: 720, peakWindows: [{ start: '07:00', end: '09:30', days: [1, 2, 3, 4, 5] }], outingQuota: { members: 2, everyDays: 2 }, healthRequirements: [{ maxTestAgeHours: 72 }] });
      expect(db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'policy-change'").get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
    expect(errors).toEqual([]);
  });
});
