// An automated accessibility audit (axe-core injected into Chromium at 1280x800) of every checkpoint step a resident
// passes through and of the console pages: no serious or critical violations. Beside it, the volunteer's own screen
// settings: text size (large / larger) seen, changed by key and remembered, and line spacing of at least 1.3.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openKioskPage } from '../support/chromium.ts';
import { startKiosk, type RunningKiosk } from '../support/kiosk.ts';
import { SEED, seedRoster } from '../support/roster-seed.ts';
import { tempDir } from '../support/temp-dir.ts';

// Evaluated through the DevTools protocol: the kiosk's CSP (script-src 'self') rightly refuses an injected <script>.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation { id: string; impact: string | null; help: string; nodes: string[] }

async function audit(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
}

describe('accessibility and the volunteer’s screen settings', { timeout: 180_000 }, () => {
  let browser: Browser;
  let kiosk: RunningKiosk;
  let page: Page;
  let errors: string[];
  const temp = tempDir('gate-a11y-e2e-');
  let found: Record<string, Violation[]> = {};
  const check = async (where: string) => {
    const violations = await audit(page);
    if (violations.length) found[where] = violations;
  };
  /** A volunteer's key at a person's pace. */
  const key = async (name: string) => {
    await page.keyboard.press(name);
    await page.waitForTimeout(250);
  };

  beforeAll(async () => {
    await seedRoster(temp.dir, { full: true });
    [browser, kiosk] = await Promise.all([launchChromium(), startKiosk({ dataDir: temp.dir })]);
    ({ page, errors } = await openKioskPage(browser, kiosk.url));
    page.setDefaultTimeout(20_000);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await kiosk?.stop();
    temp.remove();
  });

  it('audits every checkpoint step of a resident passing', async () => {
    await page.getByRole('heading', { name: /志愿者上岗/ }).waitFor();
    await check('sign-on');
    await page.getByLabel('账号').click();
    await page.keyboard.type(SEED.volunteers[0]!.username, { delay: 60 });
    await page.keyboard.press('Tab');
    await page.keyboard.type(SEED.volunteers[0]!.pin, { delay: 250 });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '请出示健康码' }).waitFor();
    await check('scan');
    await key('0');
    await page.getByRole('heading', { name: '请确认手机上健康码的颜色' }).waitFor();
    await check('manual colour');
    await key('1');
    await page.getByRole('heading', { name: '请问是居民还是访客？' }).waitFor();
    await check('who');
    await key('1');
    await page.getByLabel('身份证号').waitFor();
    await check('find resident');
    await page.keyboard.type(SEED.idNumber, { delay: 30 });
    await page.keyboard.press('Enter');
    const seen = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const step = await page.locator('main.checkpoint').getAttribute('data-step');
      if (step && !seen.has(step)) {
        seen.add(step);
        await check(`step ${step}`);
      }
      if (step === 'result') break;
      if (step === 'mask' || step === 'confirm-person') await key('1');
      else await page.waitForTimeout(500);
    }
    expect(seen.has('result')).toBe(true);
    await page.locator('[data-decision="pass"]').waitFor();
    // A refusal (red on the phone, recorded by hand) is audited too: white words on red.
    await key('Enter');
    await page.getByRole('heading', { name: '请出示健康码' }).waitFor();
    await key('0');
    await page.getByRole('heading', { name: '请确认手机上健康码的颜色' }).waitFor();
    await key('3');
    await page.locator('[data-decision="refuse"]').waitFor();
    await check('refusal');
    await key('Enter');
    expect(found).toEqual({});
  });

  it('audits the console pages', async () => {
    found = {};
    await page.goto(`${kiosk.url}#/console/log`);
    await page.getByLabel('用户名').click();
    await page.keyboard.type(SEED.manager.username, { delay: 30 });
    await page.keyboard.press('Tab');
    await page.keyboard.type(SEED.manager.password, { delay: 30 });
    await page.keyboard.press('Enter');
    await page.getByTestId('log-total').waitFor();
    for (const p of ['log', 'stats', 'report', 'roster/households', 'roster/residents', 'roster/import', 'roster/cards', 'accounts', 'audit', 'data', 'devices', 'policy']) {
      await page.goto(`${kiosk.url}#/console/${p}`);
      await page.locator('.console main, .console section').first().waitFor();
      await page.waitForTimeout(400);
      await check(`console ${p}`);
    }
    await page.goto(`${kiosk.url}#/console/log`);
    await page.locator('.log-row[data-entry-id]').first().click();
    await page.getByRole('dialog').locator('dl').waitFor();
    await check('console entry detail');
    expect(found).toEqual({});
  });

  it('shows the text size, changes it by key, remembers it, and keeps line spacing at 1.3 or more', async () => {
    await page.goto(kiosk.url);
    await page.getByRole('heading', { name: '请出示健康码' }).waitFor();
    const sizes = page.getByRole('radiogroup', { name: '字号' });
    await sizes.getByRole('radio', { name: '大', exact: true }).waitFor();
    expect(await sizes.getByRole('radio', { name: '大', exact: true }).getAttribute('aria-checked')).toBe('true');
    const rootPx = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    expect(await rootPx()).toBe(20);
    await sizes.getByRole('radio', { name: '特大' }).focus();
    await page.keyboard.press('Enter');
    expect(await rootPx()).toBe(24);
    await page.reload();
    await page.getByRole('heading', { name: '请出示健康码' }).waitFor();
    expect(await rootPx()).toBe(24);
    expect(await page.getByRole('radio', { name: '特大' }).getAttribute('aria-checked')).toBe('true');
    const tight = await page.evaluate(() =>
      [...document.querySelectorAll('h1, h2, h3, p, li, button, label, td, th, dd, dt, span')]
        .filter((el) => el.closest('[aria-hidden="true"]') === null && [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== ''))
        .map((el) => {
          const style = getComputedStyle(el);
          const line = style.lineHeight === 'normal' ? 0 : parseFloat(style.lineHeight);
          return { text: el.textContent!.trim().slice(0, 20), ratio: line / parseFloat(style.fontSize) };
        })
        .filter((e) => e.ratio < 1.3),
    );
    expect(tight).toEqual([]);
    await page.getByRole('radio', { name: '大', exact: true }).focus();
    await page.keyboard.press('Enter');
    expect(await rootPx()).toBe(20);
    expect(errors).toEqual([]);
  });
});
