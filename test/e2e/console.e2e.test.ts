// The manager console in Debian's Chromium against the real browser host: 100,000 rows of today seeded straight into
// the SQLite file, the virtual table, filters, an audited reveal, the charts and the one-page A4 report.
import { openKioskDb } from '../support/kiosk-db.ts';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openKioskPage } from '../support/chromium.ts';
import { repoRoot, startKiosk, type RunningKiosk } from '../support/kiosk.ts';
import { seedEntries } from '../support/seed-entries.ts';
import { tempDir } from '../support/temp-dir.ts';

const ROWS = 100_000;
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const shots = path.join(repoRoot, 'docs/screenshots');

let browser: Browser;
let kiosk: RunningKiosk;
let temp: ReturnType<typeof tempDir>;
let page: Page;
let errors: string[];

function sql<T>(query: string): T {
  const db = openKioskDb(temp.dir, { readonly: true });
  try {
    return db.prepare(query).get() as T;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  temp = tempDir('gate-console-e2e-');
  expect(seedEntries(temp.dir, { days: [today], perDay: ROWS, seed: 11 })).toBe(ROWS);
  [browser, kiosk] = await Promise.all([launchChromium(), startKiosk({ dataDir: temp.dir })]);
  ({ page, errors } = await openKioskPage(browser, kiosk.url));
  mkdirSync(shots, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await kiosk?.stop();
  temp?.remove();
});

describe('manager console in Chromium', () => {
  it('on first start keeps the checkpoint as the default screen and sets the kiosk up from the setup page', async () => {
    await page.getByRole('heading', { name: '请出示健康码' }).waitFor();
    await page.getByRole('link', { name: '首次使用：请完成设置' }).click();
    const form = page.getByRole('form', { name: '首次设置' });
    await form.getByLabel('小区名称').fill('幸福里小区');
    await form.getByLabel('小区编码').fill('XFL-001');
    await form.getByLabel('用户名').fill('boss');
    await form.getByLabel('姓名').fill('陈主任');
    await form.getByLabel('密码', { exact: true }).fill('admin-pass-1');
    await page.screenshot({ path: path.join(shots, 'console-setup.png'), fullPage: true });
    await form.getByRole('button', { name: '完成设置' }).click();
    await page.getByRole('button', { name: '退出登录' }).click();
  });

  it('asks for a sign-in, refuses a wrong password, then shows the log of 100,000 rows', async () => {
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await page.getByLabel('用户名').fill('boss');
    await page.getByLabel('密码', { exact: true }).fill('wrong-password');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: '用户名或密码不正确' }).waitFor();
    // The refused sign-in is a 403 the browser logs as a console error; that one is expected.
    errors.splice(0, errors.length, ...errors.filter((e) => !e.includes('403')));
    await page.getByLabel('密码', { exact: true }).fill('admin-pass-1');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect.poll(() => page.getByTestId('log-total').textContent(), { timeout: 20_000 }).toBe('共 100,000 条');
    await page.locator('.log-row[data-entry-id]').first().waitFor();
    await page.screenshot({ path: path.join(shots, 'console-log.png') });
  });

  it('keeps only the rows in view in the page while scrolling to the 100,000th', async () => {
    const scroller = page.getByTestId('log-scroll');
    for (const fraction of [0.25, 0.5, 0.75, 1]) {
      await scroller.evaluate((el, f) => (el.scrollTop = el.scrollHeight * f), fraction);
      await page.waitForTimeout(50);
    }
    const lastRow = page.locator(`.log-row[aria-rowindex="${ROWS + 1}"][data-entry-id]`);
    await lastRow.waitFor({ timeout: 20_000 });
    expect(await page.locator('.log-scroll .log-row').count()).toBeLessThan(120);
    // The oldest entry of the day is last (newest first).
    const oldest = sql<{ id: string }>(`SELECT id FROM entries ORDER BY at_ms ASC, rowid ASC LIMIT 1`);
    expect(await lastRow.getAttribute('data-entry-id')).toBe(oldest.id);
  });

  it('filters by reason and searches by household, with the count the database gives', async () => {
    await page.getByLabel('全部原因').selectOption('fever');
    const fevers = sql<{ n: number }>(`SELECT count(*) AS n FROM entries WHERE instr(reasons, '"fever"') > 0`).n;
    await expect.poll(() => page.getByTestId('log-total').textContent(), { timeout: 20_000 }).toBe(`共 ${fevers.toLocaleString('en-US')} 条`);
    await page.getByLabel('全部原因').selectOption('');
    await page.getByLabel('搜索姓名、门牌或车牌').fill('3-2-5');
    const matches = sql<{ n: number }>(`SELECT count(*) AS n FROM entries WHERE household_label LIKE '%3-2-5%' OR identity_name LIKE '%3-2-5%'`).n;
    await expect.poll(() => page.getByTestId('log-total').textContent(), { timeout: 20_000 }).toBe(`共 ${matches.toLocaleString('en-US')} 条`);
    await page.getByLabel('搜索姓名、门牌或车牌').fill('');
    await expect.poll(() => page.getByTestId('log-total').textContent(), { timeout: 20_000 }).toBe('共 100,000 条');
  });

  it('opens an entry with its checks, masked, and reveals the name only with a reason, audited', async () => {
    const row = page.locator('.log-row[data-entry-id]').first();
    const id = (await row.getAttribute('data-entry-id'))!;
    await row.click();
    const detail = page.getByRole('dialog', { name: '登记详情' });
    await detail.getByText('健康码', { exact: true }).waitFor();
    const fullName = sql<{ identity_name: string }>(`SELECT identity_name FROM entries WHERE id = '${id}'`).identity_name;
    expect(await detail.textContent()).not.toContain(fullName);
    await detail.getByLabel('查看原因（将记入审计日志）').fill('社区流调核实');
    await detail.getByRole('button', { name: '确认查看' }).click();
    await detail.getByRole('status').getByText(fullName, { exact: true }).waitFor();
    expect(sql<{ detail: string; actor: string }>(`SELECT actor, detail FROM audit_log WHERE action = 'reveal' AND subject = '${id}'`)).toEqual({ actor: 'boss', detail: JSON.stringify({ reason: '社区流调核实' }) });
    await page.screenshot({ path: path.join(shots, 'console-detail.png') });
    await detail.getByRole('button', { name: '关闭' }).click();
  });

  it('draws the charts from the day', async () => {
    await page.getByRole('link', { name: '统计' }).click();
    const hours = page.getByTestId('chart-per-hour');
    await hours.waitFor();
    expect(await hours.locator('g[data-hour]').count()).toBe(24);
    // The seeded morning peak is the tallest bar area: its hour has people, the small hours none.
    const height = (hour: number) => hours.locator(`g[data-hour="${hour}"] rect.bar-in`).evaluate((r) => Number(r.getAttribute('height')));
    expect(await height(8)).toBeGreaterThan(await height(13));
    expect(await height(3)).toBe(0);
    expect(await page.getByTestId('chart-reasons').locator('g[data-reason]').count()).toBeGreaterThan(2);
    await page.getByTestId('chart-fast-lane').waitFor();
    await page.screenshot({ path: path.join(shots, 'console-stats.png'), fullPage: true });
  });

  it('prints the daily report on exactly one A4 page', async () => {
    await page.getByRole('link', { name: '日报' }).click();
    await page.getByTestId('daily-report').getByTestId('chart-per-hour').waitFor();
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(shots, 'console-report-print.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    await page.emulateMedia({ media: 'screen' });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('imports households with a row-by-row report, adds a resident and prints a signed resident card', async () => {
    await page.goto(`${kiosk.url}#/console/roster/import`);
    const file = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
    await page.getByLabel('文件（CSV 或 Excel）').setInputFiles(file('bad.csv', '楼栋,单元,房号\n3,2,501\n,1,101\n'));
    await page.getByRole('button', { name: '检查' }).click();
    const report = page.locator('.import-report');
    await report.getByText('2 行中有 1 处问题，未导入任何数据').waitFor();
    expect(await report.locator('tbody td').first().textContent()).toBe('3');
    await page.getByLabel('文件（CSV 或 Excel）').setInputFiles(file('good.csv', '楼栋,单元,房号\n3,2,501\n3,2,502\n'));
    await page.getByRole('button', { name: '检查' }).click();
    await report.getByText('2 行全部正确，可以导入').waitFor();
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await report.getByText('已导入 2 行').waitFor();
    expect(sql<{ n: number }>('SELECT count(*) AS n FROM households').n).toBe(2);

    await page.getByRole('link', { name: '住户', exact: true }).click();
    await page.locator('select[aria-label="门牌"] option', { hasText: '3-2-501' }).waitFor({ state: 'attached' });
    await page.getByLabel('门牌', { exact: true }).selectOption({ label: '3-2-501' });
    await page.getByLabel('姓名', { exact: true }).fill('张三');
    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('td', { hasText: '张三' }).waitFor();

    await page.getByRole('link', { name: '住户卡' }).click();
    await page.getByRole('checkbox').first().check();
    await page.getByRole('button', { name: '生成住户卡' }).click();
    await page.locator('.resident-card svg rect').first().waitFor();
    await page.screenshot({ path: path.join(shots, 'console-resident-card.png') });
    expect(sql<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE action IN ('roster-import', 'print-cards')").n).toBe(2);
    expect(errors).toEqual([]);
  });
});
