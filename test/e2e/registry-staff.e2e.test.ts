// The district staff's pages in Debian's Chromium, against a registry holding what enrolled kiosks sent over HTTP:
// sign-in, the live view with the silent compound highlighted, a compound's day, acknowledging an alert, publishing
// a watch list from a file (a bad file listed row by row), the daily report printed on A4, and a phone-sized screen.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/registry/sql.ts';
import type { RunningRegistry } from '../../src/registry/server.ts';
import { launchChromium } from '../support/chromium.ts';
import { repoRoot } from '../support/kiosk.ts';
import { pgliteBackend } from '../support/registry-backends.ts';
import { admin, enrolTestKiosk, testRegistry } from '../support/registry-harness.ts';
import { tempDir } from '../support/temp-dir.ts';

const NOW = Date.parse('2026-06-15T06:30:00Z'); // 14:30 in Shanghai
const shots = path.join(repoRoot, 'docs/screenshots');

describe('registry staff pages in Chromium', { timeout: 90_000 }, () => {
  const backend = pgliteBackend();
  const temp = tempDir('gate-staff-e2e-');
  let db: Database;
  let registry: RunningRegistry;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const officer = { username: 'wu', password: `pw-${randomUUID()}` };

  beforeAll(async () => {
    db = await backend.open();
    const now = () => NOW;
    registry = await testRegistry(db, { now, timeZone: 'Asia/Shanghai' });
    // Three compounds: two busy this afternoon, one silent for 45 minutes in the hour it is always busy.
    for (const [id, name] of [['c-maple', '梧桐苑'], ['c-oak', '橡树湾'], ['c-pine', '松园']] as const) {
      const kiosk = await enrolTestKiosk(registry.url, id, now);
      await db.query('UPDATE compounds SET name = $2 WHERE compound_id = $1', [id, name]);
      for (let d = 1; d <= 7; d++) await kiosk.send(kiosk.chain(5, () => ({}), (i) => Date.parse(`2026-06-${String(15 - d).padStart(2, '0')}T06:0${i}:00Z`)));
      const lastMinutes = id === 'c-pine' ? 45 : 3;
      await kiosk.send(kiosk.chain(12, (i) => (i === 0 ? { decision: 'refuse', reasons: ['fever'], fever: true, temperatureC: 38.4 } : {}), (i) => NOW - lastMinutes * 60_000 - (11 - i) * 120_000));
      if (id === 'c-maple') {
        await kiosk.client.request('POST', '/v1/alerts', { alerts: [{ id: randomUUID(), kind: 'fever', at: new Date(NOW - 20 * 60_000).toISOString(), summary: 'fever 38.4 °C refused (in)', detail: { bodyC: 38.4 } }] }, kiosk.credentials);
      }
    }
    await admin(registry.url, 'POST', '/v1/admin/staff', { username: officer.username, displayName: '吴专员', role: 'officer', password: officer.password });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => errors.push(e.message));
    // Resource errors other than the expected refusals (the wrong password's 401, the bad file's 400).
    page.on('console', (m) => m.type() === 'error' && !/status of (401|400)/.test(m.text()) && errors.push(m.text()));
    page.setDefaultTimeout(20_000);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await registry?.close();
    await backend.close();
    temp.remove();
  });

  it('sends a visitor to sign in, refuses a wrong password, and signs the officer in', async () => {
    await page.goto(`${registry.url}/alerts`);
    await page.getByRole('heading', { name: /登录/ }).waitFor();
    await page.getByLabel(/用户名/).fill(officer.username);
    await page.getByLabel(/密码/).fill('wrong password');
    await page.getByRole('button', { name: /登录/ }).click();
    await page.getByRole('alert').filter({ hasText: /user name or password is wrong/ }).waitFor();
    // The name stays typed in; only the password is asked again.
    expect(await page.getByLabel(/用户名/).inputValue()).toBe(officer.username);
    await page.getByLabel(/密码/).fill(officer.password);
    await page.getByRole('button', { name: /登录/ }).click();
    await page.waitForURL(`${registry.url}/alerts`);
    await page.getByText('吴专员 · officer').waitFor();
  });

  it('shows the live view with the silent compound first and highlighted', async () => {
    await page.goto(registry.url);
    const rows = page.locator('#compounds tbody tr');
    await rows.first().waitFor();
    expect(await rows.first().getAttribute('data-compound')).toBe('c-pine');
    const silent = page.locator('tr[data-silent="yes"]');
    expect(await silent.count()).toBe(1);
    expect(await silent.evaluate((row) => getComputedStyle(row).backgroundColor)).toBe('rgb(255, 241, 194)');
    await page.locator('.tile', { hasText: 'silent compounds' }).getByText('1', { exact: true }).waitFor();
    await page.locator('.tile', { hasText: 'entries today' }).getByText('36', { exact: true }).waitFor();
    // The district per hour: 14:00 holds the two busy compounds' twelve entries each, 13:00 the silent one's.
    expect(await page.locator('svg.chart g[data-hour="14"]').getAttribute('data-entries')).toBe('24');
    expect(await page.locator('svg.chart g[data-hour="13"]').getAttribute('data-entries')).toBe('12');
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: path.join(shots, 'registry-live.png') });
  });

  it('opens a compound’s day', async () => {
    await page.getByRole('link', { name: '梧桐苑' }).click();
    await page.getByRole('heading', { name: /梧桐苑/ }).waitFor();
    await page.locator('.tile', { hasText: 'refusals' }).first().getByText('1', { exact: true }).waitFor();
    await page.getByText('fever: 1').waitFor();
    expect(await page.locator('svg.chart g[data-hour="14"]').getAttribute('data-entries')).toBe('12');
  });

  it('acknowledges an alert, and keeps who and when', async () => {
    await page.goto(`${registry.url}/alerts`);
    const row = page.locator('tr[data-kind="fever"]');
    await row.getByPlaceholder(/备注/).fill('已联系社区医生');
    await row.getByRole('button', { name: /确认处理/ }).click();
    await page.getByRole('heading', { name: /最近已处理/ }).waitFor();
    await page.locator('tr[data-kind="fever"]').getByText(/已处理 .*wu/).waitFor();
    await page.getByText('已联系社区医生').waitFor();
    expect((await db.query<{ by: string }>('SELECT acknowledged_by AS by FROM alerts'))[0]!.by).toBe('wu');
  });

  it('publishes a watch list from a file; a bad one is listed row by row and publishes nothing', async () => {
    const bad = path.join(temp.dir, 'bad.csv');
    writeFileSync(bad, '身份证号,门牌号,小区,类型\n110105199003071239,,,居家隔离\n,3-2-501,,居家隔离\n');
    await page.goto(`${registry.url}/watch-lists`);
    await page.locator('input[type=file]').setInputFiles(bad);
    await page.getByRole('button', { name: /上传并发布/ }).click();
    await page.getByRole('alert').getByText(/line 3: a household needs its compound/).waitFor();
    expect(await db.query('SELECT version FROM watch_lists')).toEqual([]);
    const good = path.join(temp.dir, 'good.csv');
    writeFileSync(good, '身份证号,门牌号,小区,类型\n110105199003071239,,,居家隔离\n,3-2-501,c-maple,居家隔离\n');
    await page.locator('input[type=file]').setInputFiles(good);
    await page.getByRole('button', { name: /上传并发布/ }).click();
    await page.getByRole('status').getByText(/v1: 2/).waitFor();
    await page.getByText(/当前版本.*v1/).waitFor();
  });

  it('prints the daily report on A4', async () => {
    await page.goto(`${registry.url}/reports?date=2026-06-15`);
    await page.getByRole('heading', { name: /日报/ }).waitFor();
    await page.getByText('松园').waitFor();
    const pdf = path.join(temp.dir, 'report.pdf');
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    // pdfinfo names the size itself (594.96 x 841.92 pts is A4 to its rounding).
    expect(info).toMatch(/Page size:\s+[\d.]+ x [\d.]+ pts \(A4\)/);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('梧桐苑');
    expect(text).not.toContain('上传并发布');
  });

  it('fits a phone: nothing wider than the screen but the tables, which scroll on their own', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await phone.context().addCookies(await page.context().cookies());
      await phone.goto(registry.url);
      await phone.locator('#compounds').waitFor();
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    } finally {
      await phone.close();
    }
    expect(errors).toEqual([]);
  });
});
