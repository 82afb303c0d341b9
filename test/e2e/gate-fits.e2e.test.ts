// Issue 13.4 in Debian's Chromium with real key events: every checkpoint step fits 1280x800 and 1024x768 without
// scrolling, with the primary action the largest button. The walk goes through every step at both sizes (errors and
// notices shown where a step has them) and fails on any control outside the viewport or a page that scrolls.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '../support/roster-seed.ts';
import { openGate, type Gate } from '../support/gate-e2e.ts';
import { scanKeys, volunteerKey, volunteerTypes } from '../support/real-keys.ts';

interface Fit {
  scrolls: boolean;
  outside: string[];
  primaryNotLargest: string | null;
}

/** Every control on the page inside the viewport, no scrolling, and the step's primary action the largest button. */
function measure(page: Page): Promise<Fit> {
  return page.evaluate(() => {
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const root = document.scrollingElement!;
    const scrolls = root.scrollHeight > vh + 1 || root.scrollWidth > vw + 1;
    const name = (el: Element) => `${el.tagName.toLowerCase()} "${((el as HTMLElement).innerText || el.getAttribute('aria-label') || (el as HTMLInputElement).value || '').trim().slice(0, 30)}"`;
    const outside: string[] = [];
    for (const el of document.querySelectorAll('button, input, select, textarea, a[href]')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.left < -0.5 || r.top < -0.5 || r.right > vw + 0.5 || r.bottom > vh + 0.5) outside.push(`${name(el)} at ${Math.round(r.left)},${Math.round(r.top)}-${Math.round(r.right)},${Math.round(r.bottom)}`);
    }
    const step = document.querySelector('main.checkpoint');
    // Inside the checkpoint's own card too: a control spilling over it is cut off or covers the log beside it.
    const card = step?.getBoundingClientRect();
    for (const el of step ? step.querySelectorAll('button, input, select, textarea') : []) {
      const r = el.getBoundingClientRect();
      if (card && r.width > 0 && (r.left < card.left - 0.5 || r.right > card.right + 0.5 || r.top < card.top - 0.5 || r.bottom > card.bottom + 0.5)) outside.push(`${name(el)} spills out of the checkpoint`);
    }
    const buttons = step ? [...step.querySelectorAll('button')] : [];
    const area = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width * r.height;
    };
    const primary = step?.querySelector('.step .primary');
    const larger = primary ? buttons.find((b) => b !== primary && area(b) > area(primary) + 1) : undefined;
    return { scrolls, outside, primaryNotLargest: larger ? `${name(larger)} is larger than ${name(primary!)}` : null };
  });
}

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
] as const;

describe.each(SIZES)('every checkpoint step fits $width x $height', (size) => {
  let gate: Gate;
  const misfits: Array<{ step: string } & Fit> = [];
  beforeAll(async () => {
    gate = await openGate({ viewport: size });
  }, 120_000);
  afterAll(() => gate?.close());

  async function check(step: string) {
    const fit = await measure(gate.page);
    if (fit.scrolls || fit.outside.length || fit.primaryNotLargest) {
      misfits.push({ step, ...fit });
      await gate.page.screenshot({ path: `/tmp/fits-${size.width}-${step}.png` });
    }
  }
  const heading = (name: string | RegExp) => gate.page.getByRole('heading', { name }).waitFor();
  const key = (name: string) => volunteerKey(gate.page, name);
  const type = (text: string) => volunteerTypes(gate.page, text);

  it('walks every step', { timeout: 240_000 }, async () => {
    const page = gate.page;
    await heading('请出示健康码');
    await check('scan');
    await key('9');
    await page.locator('.step.camera').waitFor();
    await check('camera');
    await key('Escape');
    await key('0');
    await heading('请确认手机上健康码的颜色');
    await check('manual');
    await key('1');
    await heading('请问是居民还是访客？');
    await check('identity');
    await key('1');
    await type('110105199001010000');
    await key('Enter');
    await page.getByRole('alert').waitFor();
    await check('find-resident-error');
    await key('Escape');
    await key('0');
    await key('1');
    await key('3');
    await page.getByLabel('访客手机号').waitFor();
    await check('visitor-phone');
    await type('13900001111');
    await key('Enter');
    await page.getByLabel('来访事由').waitFor();
    await check('visitor-form');
    await key('Escape');
    await key('*');
    await type('京B99999');
    await key('Enter');
    await page.getByRole('alert').waitFor();
    await check('plate-error');
    await key('Escape');
    await scanKeys(page, 'hello world 123456');
    await heading('这不是健康码');
    await check('not-a-code');
    await key('Enter');
    await scanKeys(page, gate.code('张*'));
    await heading('请问是居民还是访客？');
    await key('2');
    await type(SEED.household);
    await key('Enter');
    await heading(/码上的人和选中的人不一致/);
    await check('holder-check');
    await key('Escape');
    await gate.kiosk.invoke('sim.thermometer.scenario', { scenario: 'nobody' });
    await scanKeys(page, gate.card);
    await heading('是本人吗？');
    await check('confirm-person');
    await key('1');
    await heading('测量体温');
    await check('temperature');
    await page.getByTestId('thermometer-problem').waitFor({ timeout: 20_000 });
    await scanKeys(page, gate.code('王*'));
    await page.getByTestId('waiting-scan').waitFor();
    await check('temperature-no-reading-next-waiting');
    await page.getByLabel('手工输入体温（手持测温枪）').focus();
    await type('36.6');
    await key('Enter');
    await heading('是否佩戴口罩？');
    await check('mask');
    await key('1');
    await page.locator('[data-decision="pass"]').waitFor();
    await check('result-pass');
    await key('Escape');
    await key('Escape');
    await gate.kiosk.invoke('sim.thermometer.scenario', { scenario: 'normal' });
    await key('0');
    await key('3');
    await page.locator('[data-decision="refuse"]').waitFor();
    await check('result-refuse');
    await key('9');
    await page.getByLabel('经理账号').waitFor();
    await check('override');
    await key('Escape');
    await key('Enter');
    await heading('请出示健康码');
    await key('*');
    await type(SEED.plate);
    await key('Enter');
    await page.getByText(/依次扫码/).first().waitFor();
    await check('scan-vehicle');
    await key('.');
    await key('+');
    await page.getByLabel('交班人 PIN').waitFor();
    await check('hand-over');
    expect(misfits).toEqual([]);
  });
});
