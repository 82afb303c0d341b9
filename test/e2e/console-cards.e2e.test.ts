// Revoking a printed resident card from the console in Chromium at 1280x800: the page says what a card proves, the
// revocation takes effect at once (no restart), is audited, and the gate refuses the card with its own words.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openKioskPage, typeKeys } from '../support/chromium.ts';
import { openKioskDb } from '../support/kiosk-db.ts';
import { startKiosk, type RunningKiosk } from '../support/kiosk.ts';
import { SEED, seedRoster } from '../support/roster-seed.ts';
import { tempDir } from '../support/temp-dir.ts';

describe('revoking a resident card', { timeout: 90_000 }, () => {
  let browser: Browser;
  let kiosk: RunningKiosk;
  let gate: Page;
  let office: Page;
  let errors: string[];
  let card: string;
  const temp = tempDir('gate-cards-e2e-');

  beforeAll(async () => {
    card = (await seedRoster(temp.dir, { full: true })).card!;
    [browser, kiosk] = await Promise.all([launchChromium(), startKiosk({ dataDir: temp.dir })]);
    ({ page: gate, errors } = await openKioskPage(browser, kiosk.url));
    ({ page: office } = await openKioskPage(browser, `${kiosk.url}#/console/roster/cards`));
    gate.setDefaultTimeout(20_000);
    office.setDefaultTimeout(20_000);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await kiosk?.stop();
    temp.remove();
  });

  const verify = async () => ((await kiosk.invoke<{ result: { status: string; reason?: string } }>('codes.verify', { text: card })).body.value!.result);

  /** What the page asked the platform to say (speechSynthesis.speak), recorded as it is spoken. */
  const spoken = () => gate.evaluate(() => (window as unknown as { spoken: string[] }).spoken);

  it('a volunteer signs on; the card is good before it is revoked', async () => {
    await gate.addInitScript(() => {
      const said: string[] = ((window as unknown as { spoken: string[] }).spoken = []);
      const speak = speechSynthesis.speak.bind(speechSynthesis);
      speechSynthesis.speak = (utterance: SpeechSynthesisUtterance) => (said.push(utterance.text), speak(utterance));
    });
    await gate.reload();
    await gate.getByRole('heading', { name: /志愿者上岗/ }).waitFor();
    await gate.getByLabel('账号').click();
    await gate.keyboard.type(SEED.volunteers[0]!.username, { delay: 60 });
    await gate.keyboard.press('Tab');
    await gate.keyboard.type(SEED.volunteers[0]!.pin, { delay: 250 });
    await gate.keyboard.press('Enter');
    await gate.getByRole('heading', { name: '请出示健康码' }).waitFor();
    expect(await verify()).toMatchObject({ status: 'green' });
  });

  it('the manager revokes it from the console, saying why; the cards page says what a card proves', async () => {
    await office.getByLabel('用户名').click();
    await office.keyboard.type(SEED.manager.username, { delay: 30 });
    await office.keyboard.press('Tab');
    await office.keyboard.type(SEED.manager.password, { delay: 30 });
    await office.keyboard.press('Enter');
    await office.getByRole('note').filter({ hasText: '住户卡只证明身份' }).waitFor();
    await office.getByRole('button', { name: `注销卡 ${SEED.cardId}` }).click();
    const form = office.getByRole('form', { name: '注销住户卡' });
    await expect.poll(() => form.getByLabel('卡号').inputValue()).toBe(SEED.cardId);
    await form.getByLabel('注销原因').click();
    await office.keyboard.type('卡丢失', { delay: 60 });
    await office.keyboard.press('Enter');
    await form.getByRole('status').filter({ hasText: `卡 ${SEED.cardId} 已注销` }).waitFor();
  });

  it('takes effect at once: the next check refuses it, and it is audited with the reason', async () => {
    expect(await verify()).toMatchObject({ status: 'invalid', reason: 'revoked' });
    const db = openKioskDb(temp.dir, { readonly: true });
    try {
      const row = db.prepare("SELECT actor, subject, detail FROM audit_log WHERE action = 'card-revoked'").get() as { actor: string; subject: string; detail: string };
      expect(row).toMatchObject({ actor: SEED.manager.username, subject: SEED.cardId });
      expect(JSON.parse(row.detail)).toMatchObject({ reason: '卡丢失' });
      expect(db.prepare('SELECT card_id FROM residents').get()).toEqual({ card_id: null });
    } finally {
      db.close();
    }
  });

  it('the gate refuses the revoked card with its own words, not as a health matter', async () => {
    await typeKeys(gate, card, 2);
    const result = gate.locator('[data-decision]');
    await result.waitFor();
    expect(await result.getAttribute('data-decision')).toBe('refuse');
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('住户卡已注销');
    expect(text).toContain('这张住户卡已被注销');
    expect(text).not.toContain('健康码无效');
    expect(text).not.toContain('隔离或就医');
    // The refusal is spoken, in its own words.
    expect(await spoken()).toContainEqual(expect.stringMatching(/^禁止通行，住户卡已注销/));
  });

  it('a volunteer switches the voice off by key: the next refusal is shown but not spoken, and the choice is remembered', async () => {
    await gate.keyboard.press('Enter');
    await gate.getByRole('heading', { name: '请出示健康码' }).waitFor();
    const voice = gate.getByRole('switch', { name: /语音/ });
    expect(await voice.getAttribute('aria-checked')).toBe('true');
    await voice.focus();
    await gate.keyboard.press('Enter');
    expect(await voice.getAttribute('aria-checked')).toBe('false');
    await gate.reload();
    await gate.getByRole('heading', { name: '请出示健康码' }).waitFor();
    expect(await gate.getByRole('switch', { name: /语音/ }).getAttribute('aria-checked')).toBe('false');
    await typeKeys(gate, card, 2);
    await gate.locator('[data-decision="refuse"]').waitFor();
    expect(await spoken()).toEqual([]);
    await gate.getByRole('switch', { name: /语音/ }).focus();
    await gate.keyboard.press('Enter');
    await gate.keyboard.press('Enter');
  });

  it('the audit page names the revocation in words', async () => {
    await office.goto(`${kiosk.url}#/console/audit`);
    const row = office.locator('tr[data-action="card-revoked"]');
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('注销住户卡');
    expect(text).toContain('原因：卡丢失');
    expect(text).not.toMatch(/card-revoked|[{}"]/);
    expect(errors).toEqual([]);
  });
});
