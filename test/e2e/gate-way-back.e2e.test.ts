// Issue 13.1 in Debian's Chromium with real key events at 1280x800: every step has a way back (Esc, Backspace or
// Delete where no field has the focus, and a big button), cancelling records nothing, and a scan that arrives mid-flow
// replaces the person while nothing was confirmed, or waits with a visible prompt and starts next. Never lost.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openGate, stepOf, type Gate } from '../support/gate-e2e.ts';
import { scanKeys, volunteerKey, volunteerTypes } from '../support/real-keys.ts';

describe('the way back from every step, in Chromium', { timeout: 120_000 }, () => {
  let gate: Gate;
  beforeAll(async () => {
    gate = await openGate();
  }, 120_000);
  afterAll(() => gate?.close());
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await gate.page.screenshot({ path: `/tmp/way-back-${context.task.name.slice(0, 20)}.png` });
  });

  const heading = (name: string | RegExp) => gate.page.getByRole('heading', { name }).waitFor();
  async function backAtScan() {
    await heading('请出示健康码');
    await gate.page.getByTestId('flow-notice').getByText('已取消：这位没有登记。').waitFor();
  }
  const toManual = async () => (await volunteerKey(gate.page, '0'), await heading('请确认手机上健康码的颜色'));
  const toIdentity = async () => (await toManual(), await volunteerKey(gate.page, '1'), await heading('请问是居民还是访客？'));
  const scenario = (name: string) => gate.kiosk.invoke('sim.thermometer.scenario', { scenario: name });

  it.each<[string, () => Promise<void>, string]>([
    ['the manual colour step', toManual, 'Escape'],
    ['the identity step', toIdentity, 'Backspace'],
    ['the household search (Esc from inside the field)', async () => (await toIdentity(), await volunteerKey(gate.page, '2'), await heading('门牌号（楼-单元-室）')), 'Escape'],
    ['the visitor form', async () => (await toIdentity(), await volunteerKey(gate.page, '3'), await gate.page.getByLabel('访客手机号').waitFor()), 'Escape'],
    ['the vehicle plate', async () => (await volunteerKey(gate.page, '*'), await heading(/车辆通行/)), 'Escape'],
  ])('cancels %s, and records nothing', async (_name, reach, key) => {
    const before = gate.entries();
    await reach();
    await volunteerKey(gate.page, key);
    if (key === 'Escape' && _name.includes('plate')) await heading('请出示健康码');
    else await backAtScan();
    expect(gate.entries()).toBe(before);
  });

  it('Backspace inside a field edits the field; it does not cancel', async () => {
    await toIdentity();
    await volunteerKey(gate.page, '2');
    const field = gate.page.getByLabel('门牌号（楼-单元-室）');
    await volunteerTypes(gate.page, '3-2-5011');
    await volunteerKey(gate.page, 'Backspace');
    expect(await field.inputValue()).toBe('3-2-501');
    expect(await stepOf(gate.page)).toBe('find-resident');
    await gate.page.getByTestId('cancel').click();
    await backAtScan();
  });

  it('cancels the temperature step and the mask step (Delete), and the printed card’s 是本人吗？ with the big button', async () => {
    const before = gate.entries();
    await scenario('nobody');
    await scanKeys(gate.page, gate.card);
    await heading('是本人吗？');
    await gate.page.getByTestId('cancel').click();
    await backAtScan();

    await scanKeys(gate.page, gate.card);
    await heading('是本人吗？');
    await volunteerKey(gate.page, '1');
    await heading('测量体温');
    await volunteerKey(gate.page, 'Escape');
    await backAtScan();

    await scenario('normal');
    await scanKeys(gate.page, gate.card);
    await heading('是本人吗？');
    await volunteerKey(gate.page, '1');
    await heading('是否佩戴口罩？');
    await volunteerKey(gate.page, 'Delete');
    await backAtScan();
    expect(gate.entries()).toBe(before);
  });

  it('leaves the hand-over with Esc', async () => {
    await volunteerKey(gate.page, '+');
    await gate.page.getByLabel('交班人 PIN').waitFor();
    await volunteerKey(gate.page, 'Escape');
    await heading('请出示健康码');
  });

  it('closes the camera with Esc', async () => {
    await volunteerKey(gate.page, '9');
    await gate.page.getByRole('button', { name: /关闭摄像头|停止/ }).waitFor();
    await volunteerKey(gate.page, 'Escape');
    await gate.page.locator('.step.camera').waitFor({ state: 'detached' });
    await heading('请出示健康码');
  });

  it('a scan while nothing was confirmed replaces the person; the new one is checked', async () => {
    await scanKeys(gate.page, gate.code('王*'));
    await heading('请问是居民还是访客？');
    await scanKeys(gate.page, gate.card);
    await heading('是本人吗？');
    await gate.page.getByTestId('cancel').click();
    await backAtScan();
  });

  it('a scan during the temperature waits with a prompt; Esc cancels this person and starts the next', async () => {
    const before = gate.entries();
    await scenario('nobody');
    await toIdentity();
    await volunteerKey(gate.page, '2');
    await volunteerTypes(gate.page, '3-2-501');
    await volunteerKey(gate.page, 'Enter');
    await heading('测量体温');
    await scanKeys(gate.page, gate.card);
    await gate.page.getByTestId('waiting-scan').getByText(/下一位已扫码：这位完成后开始/).waitFor();
    expect(await stepOf(gate.page)).toBe('temperature');
    // The scanned text went nowhere else: the handheld field has the focus and stays empty.
    expect(await gate.page.getByLabel('手工输入体温（手持测温枪）').inputValue()).toBe('');
    await volunteerKey(gate.page, 'Escape');
    await heading('是本人吗？');
    await scenario('normal');
    await volunteerKey(gate.page, '1');
    await heading('是否佩戴口罩？');
    // And once more at the mask: this person is finished first, the next starts on Enter.
    await scanKeys(gate.page, gate.code('李*'));
    await gate.page.getByTestId('waiting-scan').waitFor();
    await volunteerKey(gate.page, '1');
    await gate.page.locator('[data-decision="pass"]').waitFor();
    await gate.page.getByTestId('waiting-scan').getByText('下一位已扫码：按回车开始。').waitFor();
    expect(gate.entries()).toBe(before + 1);
    await volunteerKey(gate.page, 'Enter');
    await heading('请问是居民还是访客？');
    await volunteerKey(gate.page, 'Escape');
    await backAtScan();
    expect(gate.entries()).toBe(before + 1);
    expect(gate.errors).toEqual([]);
  });
});
