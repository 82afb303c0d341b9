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
import { untranslated, visibleStrings } from '../support/screen-words.ts';
import { volunteerTypes } from '../support/real-keys.ts';

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

  const stepIs = (name: string) => page.locator(`main.checkpoint[data-step="${name}"]`).waitFor();
  const data = [SEED.resident, '李*', SEED.household, SEED.volunteers[0]!.displayName, '幸福里小区'];
  let words: Record<string, string[]> = {};

  /** One resident passing and one refused, step by step, each step audited and its words checked. */
  async function walkTheGate(language: 'zh' | 'en') {
    found = {};
    words = {};
    const look = async (where: string) => {
      await check(where);
      const bad = untranslated(await visibleStrings(page), language, [...data, ...(language === 'en' ? ['中文'] : [])]);
      if (bad.length) words[where] = bad;
    };
    await stepIs('scan');
    await look('scan');
    await key('0');
    await stepIs('manual');
    await look('manual colour');
    await key('1');
    await stepIs('identity');
    await look('who');
    await key('1');
    await stepIs('find-resident');
    await look('find resident');
    await volunteerTypes(page, SEED.idNumber); // a person typing: faster keys are a scan
    await page.keyboard.press('Enter');
    const seen = new Set<string>();
    for (let i = 0; i < 10 && !seen.has('result'); i++) {
      const step = await page.locator('main.checkpoint').getAttribute('data-step');
      if (step && !seen.has(step)) {
        seen.add(step);
        await look(`step ${step}`);
      }
      if (step === 'mask' || step === 'confirm-person') await key('1');
      else if (step !== 'result') await page.waitForTimeout(500);
    }
    expect(seen.has('result')).toBe(true);
    await page.locator('[data-decision="pass"]').waitFor();
    // A refusal (red on the phone, recorded by hand): white words on red.
    await key('Enter');
    await stepIs('scan');
    await key('0');
    await stepIs('manual');
    await key('3');
    await page.locator('[data-decision="refuse"]').waitFor();
    await look('refusal');
    await key('Enter');
    await stepIs('scan');
    expect(found).toEqual({});
    expect(words).toEqual({});
  }

  it('audits every checkpoint step of a resident passing and one refused, in Chinese', async () => {
    await page.getByRole('heading', { name: /志愿者上岗/ }).waitFor();
    await check('sign-on');
    await page.getByLabel('账号').click();
    await page.keyboard.type(SEED.volunteers[0]!.username, { delay: 60 });
    await page.keyboard.press('Tab');
    await page.keyboard.type(SEED.volunteers[0]!.pin, { delay: 250 });
    await page.keyboard.press('Enter');
    await walkTheGate('zh');
  });

  it('and the same in English', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Show your health code' }).waitFor();
    // Move focus off the language button, so the walk's Enter keys go to the steps (a trap issue 13 names).
    await page.mouse.click(5, 795);
    await walkTheGate('en');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '请出示健康码' }).waitFor();
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
