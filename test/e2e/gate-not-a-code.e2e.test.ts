// Issue 13.3 in Debian's Chromium with real key events at 1280x800: text that is not a health code (stray text, a
// WeChat link, a gate code spoilt by a key pressed during the scan) is "not a health code: scan again / record by
// hand", records nothing and gives no medical advice, in both languages; a code of a known format that fails its checks
// (an expired gate code) is refused in its own words, the same in Chinese and English.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openGate, stepOf, type Gate } from '../support/gate-e2e.ts';
import { scanKeys, volunteerKey } from '../support/real-keys.ts';

describe('scans that are not a health code, in Chromium', { timeout: 150_000 }, () => {
  let gate: Gate;
  beforeAll(async () => {
    gate = await openGate();
  }, 120_000);
  afterAll(() => gate?.close());
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await gate.page.screenshot({ path: `/tmp/not-a-code-${context.task.name.slice(0, 12)}.png` });
  });

  const spoilt = () => {
    const code = gate.code('李*');
    // A key pressed mid-scan lands inside the code.
    return `${code.slice(0, 60)}7${code.slice(60)}`;
  };

  it.each<[string, () => string, string, RegExp]>([
    ['stray text', () => 'hello world 123456', '这不是健康码', /This is not a health code/],
    ['a WeChat link', () => 'https://weixin.qq.com/r/mp/AbCdEfGhIjKl', '这不是健康码', /This is not a health code/],
    ['a gate code spoilt by a key pressed during the scan', spoilt, '没有读全这个码', /The code was not read completely/],
  ])('%s: says so in both languages, records nothing, no medical advice', async (_name, text, zh, en) => {
    const page = gate.page;
    const before = gate.entries();
    await scanKeys(page, text());
    await page.getByRole('heading', { name: zh }).waitFor();
    const words = await page.locator('main.checkpoint').textContent();
    expect(words).toContain('没有登记任何记录。');
    expect(words).not.toMatch(/禁止通行|隔离|就医/);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: en }).waitFor();
    const english = await page.locator('main.checkpoint').textContent();
    expect(english).toContain('Nothing was recorded.');
    expect(english).not.toMatch(/REFUSED|isolate|doctor/);
    await page.getByRole('button', { name: '中文' }).click();
    // The manual path is one key away; Enter scans again.
    await volunteerKey(page, '0');
    await page.getByRole('heading', { name: '请确认手机上健康码的颜色' }).waitFor();
    await volunteerKey(page, 'Escape');
    await page.getByRole('heading', { name: '请出示健康码' }).waitFor();
    expect(gate.entries()).toBe(before);
  });

  it('Enter on "not a health code" goes back to scanning', async () => {
    const page = gate.page;
    await scanKeys(page, 'hello world 123456');
    await page.getByRole('heading', { name: '这不是健康码' }).waitFor();
    await volunteerKey(page, 'Enter');
    await page.getByRole('heading', { name: '请出示健康码' }).waitFor();
  });

  it('refuses an expired gate code in its own words, the same in Chinese and English, and records it', async () => {
    const page = gate.page;
    const before = gate.entries();
    await scanKeys(page, gate.code('李*', 'green', new Date(Date.now() - 3600_000)));
    await page.locator('[data-decision="refuse"]').waitFor();
    const zh = await page.locator('[data-decision]').textContent();
    expect(zh).toContain('健康码无效');
    expect(zh).toContain('这个码没有通过核验');
    expect(zh).not.toMatch(/隔离|就医/);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('Invalid code').first().waitFor();
    const en = await page.locator('[data-decision]').textContent();
    expect(en).toContain('This code failed its checks');
    expect(en).not.toMatch(/isolate|doctor/);
    await page.getByRole('button', { name: '中文' }).click();
    expect(gate.entries()).toBe(before + 1);
    expect(gate.lastRow()).toMatchObject({ decision: 'refuse', reasons: '["code-invalid"]', code_reason: 'expired' });
    expect(await stepOf(page)).toBe('result');
    expect(gate.errors).toEqual([]);
  });
});
