// "Try it with sample data" in Debian's Chromium against the real browser host, as a newcomer meets it: first start
// offers it, the secrets show once, the demo sheet's codes are read off the screen by a real decoder (zbarimg) and
// scanned at the gate, the manager's device page makes the simulated thermometer read normal, fever, a cold forehead
// or nobody and unplugs it, every screen says "sample data", and one step removes it all before real setup.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openKioskPage, typeKeys } from '../support/chromium.ts';
import { openKioskDb } from '../support/kiosk-db.ts';
import { repoRoot, startKiosk, type RunningKiosk } from '../support/kiosk.ts';
import { tempDir } from '../support/temp-dir.ts';

const shots = path.join(repoRoot, 'docs/screenshots');
type Measured = { ok: boolean; bodyC?: number; reason?: string };

function sql<T>(dataDir: string, query: string): T[] {
  const db = openKioskDb(dataDir, { readonly: true });
  try {
    return db.prepare(query).all() as T[];
  } finally {
    db.close();
  }
}

describe('sample data in Chromium', { timeout: 90_000 }, () => {
  let browser: Browser;
  let kiosk: RunningKiosk;
  let page: Page;
  let errors: string[];
  const temp = tempDir('sample-e2e-');
  const secrets = { admin: '', password: '', volunteer: '', pin: '' };
  const scanned: Record<string, string> = {};

  /** A volunteer's key, at a person's pace. */
  async function key(name: string) {
    await page.keyboard.press(name);
    await page.waitForTimeout(250);
  }
  /** Focus a button as Tab would and press it with Enter. */
  async function press(name: string | RegExp) {
    const button = page.getByRole('button', { name });
    await button.focus();
    await key('Enter');
  }

  beforeAll(async () => {
    browser = await launchChromium();
    kiosk = await startKiosk({ dataDir: temp.dir });
    ({ page, errors } = await openKioskPage(browser, kiosk.url));
    page.setDefaultTimeout(20_000);
    mkdirSync(shots, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await kiosk?.stop();
    temp.remove();
  });

  it('first start offers the sample data; the accounts show once; the console says it is sample data', async () => {
    await page.getByRole('link', { name: '首次使用：请完成设置' }).click();
    await page.getByRole('button', { name: '试用示例数据' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('试用示例数据');
    await key('Enter');
    const table = page.getByTestId('sample-secrets');
    await table.getByText('示例数据已载入').waitFor();
    secrets.password = (await table.locator('[data-secret="password"]').textContent())!;
    secrets.pin = (await table.locator('[data-secret="pin"]').first().textContent())!;
    secrets.admin = (await table.locator('tr').first().locator('.username').textContent())!;
    secrets.volunteer = (await table.locator('tr').nth(1).locator('.username').textContent())!;
    expect(secrets.pin).toMatch(/^\d{4}$/);
    expect(secrets.password).toMatch(/^[a-z0-9]{12}$/);
    await page.screenshot({ path: path.join(shots, 'sample-data.png') });
    await key('Enter');
    await page.getByRole('heading', { name: '演示码' }).waitFor();
    await page.getByTestId('sample-banner').getByText('示例数据：仅供试用').waitFor();
    await page.getByText('幸福里小区（示例数据） · 管理').waitFor();
    // The secrets were shown once: nothing shows them again.
    expect(await page.locator('body').textContent()).not.toContain(secrets.password);
  });

  it('shows the demo sheet; each code read off the screen by zbarimg gives the answer printed under it', async () => {
    const figures = page.locator('figure.demo-code');
    await expect.poll(() => figures.count(), { timeout: 30_000 }).toBe(8);
    await page.screenshot({ path: path.join(shots, 'demo-sheet.png'), fullPage: true });
    for (let i = 0; i < 8; i++) {
      const figure = figures.nth(i);
      const png = path.join(temp.dir, `qr-${i}.png`);
      await figure.locator('.qr').screenshot({ path: png });
      const text = execFileSync('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', png], { encoding: 'utf8' }).trim();
      const kind = (await figure.getAttribute('data-kind'))!;
      const answer = (await figure.locator('.answer').textContent())!;
      const verified = await kiosk.invoke<{ result: { status: string } }>('codes.verify', { text });
      const words: Record<string, string> = { green: '绿码', yellow: '黄码', red: '红码', invalid: '无效码' };
      expect(answer, kind).toBe(`门岗结果：${words[verified.body.value!.result.status]}`);
      scanned[kind] = text;
    }
    expect(Object.keys(scanned).sort()).toEqual(['commuter', 'dcc', 'expired-screenshot', 'green', 'red', 'relative', 'resident-card', 'yellow']);
  });

  it("the device page makes the simulated thermometer read normal, fever, a cold forehead or nobody, and unplugs it", async () => {
    await page.getByRole('link', { name: '设备' }).click();
    const sim = page.getByRole('group', { name: '模拟测温仪' });
    const state = sim.getByTestId('sim-state');
    const measure = async () => (await kiosk.invoke<Measured>('thermometer.measure', { timeoutMs: 5000 })).body.value!;

    await press('发热');
    await state.getByText('现在：发热').waitFor();
    expect((await measure()).bodyC).toBeGreaterThanOrEqual(38);
    await press('额头冰凉（刚从寒冷的室外进来）');
    await state.getByText('现在：额头冰凉').waitFor();
    expect((await measure()).bodyC).toBeLessThan(35.5);
    await press('无人');
    await state.getByText('现在：无人').waitFor();
    expect((await measure()).ok).toBe(false);
    await press('体温正常');
    await state.getByText('现在：体温正常').waitFor();
    const normal = await measure();
    expect(normal.bodyC).toBeGreaterThan(36);
    expect(normal.bodyC).toBeLessThan(37.3);

    await press('拔下测温仪');
    await state.getByText('现在：已拔下').waitFor();
    expect(await sim.getByRole('button', { name: '发热' }).isDisabled()).toBe(true);
    const statuses = (await kiosk.invoke<Array<{ kind: string; state: string }>>('devices.status')).body.value!;
    expect(statuses.find((s) => s.kind === 'thermometer')?.state).toBe('disconnected');
    expect((await measure()).ok).toBe(false);
    await page.screenshot({ path: path.join(shots, 'sim-thermometer.png') });
    await press('插回测温仪');
    await state.getByText('现在：体温正常').waitFor();
    expect((await measure()).ok).toBe(true);
    // Without a manager's sign-in nobody unplugs it (a page on this PC that is not signed in).
    expect((await kiosk.invoke('sim.thermometer.plug', { plugged: false })).status).toBe(401);
  });

  it('at the gate: the sample banner, a volunteer signs on with the PIN, the printed card passes, the commuter takes the fast lane', async () => {
    await page.getByRole('link', { name: '返回门岗' }).click();
    await page.getByTestId('sample-banner').waitFor();
    await page.getByRole('heading', { name: /志愿者上岗/ }).waitFor();
    await page.keyboard.type(secrets.volunteer, { delay: 120 });
    await key('Tab');
    await page.keyboard.type(secrets.pin, { delay: 250 });
    await key('Enter');
    await page.getByRole('heading', { name: '请出示健康码' }).waitFor();
    await typeKeys(page, scanned['resident-card']!, 2);
    await page.getByRole('heading', { name: '是本人吗？' }).waitFor();
    await key('1');
    await page.getByRole('heading', { name: '是否佩戴口罩？' }).waitFor();
    await key('1');
    await page.locator('[data-decision="pass"]').waitFor();
    expect(sql<{ identity_name: string; household_label: string }>(temp.dir, 'SELECT identity_name, household_label FROM entries')).toEqual([{ identity_name: '王建国', household_label: '3-2-501' }]);
    await press(/下一位/);
    // The sample's peak window runs from the hour it was loaded: the commuter's card goes through the fast lane.
    await page.locator('.gate-bar .lane.fast').waitFor();
    await typeKeys(page, scanned.commuter!, 2);
    await page.getByRole('heading', { name: '是否佩戴口罩？' }).waitFor();
    await key('1');
    await page.locator('[data-decision="pass"]').waitFor();
    expect(sql(temp.dir, "SELECT identity_name, person_kind, lane FROM entries WHERE identity_name = '王小明'")).toEqual([{ identity_name: '王小明', person_kind: 'commuter', lane: 'fast' }]);
  });

  it('removes the sample data in one step (audited), then the kiosk asks for its real setup', async () => {
    await page.getByRole('link', { name: '管理' }).click();
    await page.getByRole('link', { name: '示例数据' }).click();
    await press('删除示例数据…');
    await press('确认删除全部示例数据');
    await page.getByText('示例数据已删除（住户 4，居民 7，账号 3，记录 2）').waitFor();
    expect(sql(temp.dir, 'SELECT id FROM households')).toEqual([]);
    expect(sql(temp.dir, 'SELECT id FROM entries')).toEqual([]);
    expect(sql<{ actor: string }>(temp.dir, "SELECT actor FROM audit_log WHERE action = 'sample-data.remove'")).toEqual([{ actor: secrets.admin }]);
    await press('首次设置');
    await page.getByRole('form', { name: '首次设置' }).waitFor();
    await page.getByRole('button', { name: '试用示例数据' }).waitFor();
    expect(await page.getByTestId('sample-banner').count()).toBe(0);
    expect(errors.filter((e) => !/401|Unauthorized/.test(e))).toEqual([]);
  });
});
