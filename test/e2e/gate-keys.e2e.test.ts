// Issue 13.7 in Debian's Chromium with real key events at 1280x800: the keyboard traps of a real gate. A gloved bounce
// acts once; a second person's scan while 是本人吗？ shows does not confirm the first (the scanner's Enter is not the
// volunteer's); Enter after tapping the language button does not flip the language; a scan on the household search is
// not typed into the field and lost; a scanner typing without Shift (gk1;...) is named as a scanner setting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '../support/roster-seed.ts';
import { openGate, stepOf, type Gate } from '../support/gate-e2e.ts';
import { bouncedKey, scanKeys, volunteerKey, volunteerTypes } from '../support/real-keys.ts';

describe('keyboard traps, in Chromium', { timeout: 120_000 }, () => {
  let gate: Gate;
  beforeAll(async () => {
    gate = await openGate();
  }, 120_000);
  afterAll(() => gate?.close());
  const heading = (name: string | RegExp) => gate.page.getByRole('heading', { name }).waitFor();

  it('a gloved double press 110 ms apart acts once', async () => {
    const page = gate.page;
    await volunteerKey(page, '0');
    await heading('请确认手机上健康码的颜色');
    await bouncedKey(page, '1', 'Digit1', 49, 110);
    // Once: green chosen. Twice would also have chosen "resident by ID number" on the next step.
    await heading('请问是居民还是访客？');
    await page.waitForTimeout(400);
    expect(await stepOf(page)).toBe('identity');
    await volunteerKey(page, 'Escape');
    await heading('请出示健康码');
  });

  it('a second person’s scan while 是本人吗？ shows does not confirm the first', async () => {
    const page = gate.page;
    await scanKeys(page, gate.card);
    await heading('是本人吗？');
    await scanKeys(page, gate.code('王*'));
    // The second person replaces the first (nothing was confirmed): their code, their questions; no temperature.
    await heading('请问是居民还是访客？');
    await page.getByText('持码人 王*').waitFor();
    expect(await stepOf(page)).toBe('identity');
    await volunteerKey(page, 'Escape');
    await heading('请出示健康码');
  });

  it('Enter on the idle screen after tapping the language button does not flip it back', async () => {
    const page = gate.page;
    await page.getByRole('button', { name: 'English' }).click();
    await heading('Show your health code');
    await volunteerKey(page, 'Enter');
    await volunteerKey(page, 'Space');
    await page.waitForTimeout(300);
    await heading('Show your health code');
    // A scanner's Enter suffix neither: the scan is checked, the language stays.
    await scanKeys(page, gate.card);
    await heading('Is this them?');
    await volunteerKey(page, 'Escape');
    await page.getByRole('button', { name: '中文' }).click();
    await heading('请出示健康码');
  });

  it('a scan on the household search is not typed into the field, and is not lost', async () => {
    const page = gate.page;
    await volunteerKey(page, '0');
    await volunteerKey(page, '1');
    await volunteerKey(page, '2');
    const field = page.getByLabel('门牌号（楼-单元-室）');
    await volunteerTypes(page, '3-2');
    await scanKeys(page, gate.card);
    await page.getByTestId('waiting-scan').waitFor();
    expect(await field.inputValue()).toBe('3-2');
    expect(await stepOf(page)).toBe('find-resident');
    // The volunteer finishes this person, then the scanned one comes up.
    await field.focus();
    await volunteerTypes(page, '-501');
    await volunteerKey(page, 'Enter');
    await heading('是否佩戴口罩？');
    await volunteerKey(page, '1');
    await page.locator('[data-decision="pass"]').waitFor();
    expect(gate.lastRow()).toMatchObject({ household_label: SEED.household });
    await volunteerKey(page, 'Enter');
    await heading('是本人吗？');
    await volunteerKey(page, 'Escape');
    await heading('请出示健康码');
  });

  it('names a scanner that types without Shift (gk1;...) as a scanner setting', async () => {
    const page = gate.page;
    const before = gate.entries();
    await scanKeys(page, gate.card, { shift: false });
    await heading('扫码枪设置有误');
    await page.getByText(/扫出的字母是小写、冒号成了分号（gk1;…）/).waitFor();
    expect(gate.entries()).toBe(before);
    await volunteerKey(page, 'Enter');
    await heading('请出示健康码');
    expect(gate.errors).toEqual([]);
  });
});
