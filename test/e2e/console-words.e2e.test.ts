// The console in Chromium at 1280x800, signed in with real key events, checked for what issue 13 found: every
// visible string in the chosen language (zh and en), shift labels in the compound's time, scanner choices in words,
// refusals drawn as a count, the report's shift table not cramped, and form controls drawn with the bundled CJK font
// on a Chromium that has no CJK system font at all.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, launchChromium, openKioskPage } from '../support/chromium.ts';
import { openKioskDb } from '../support/kiosk-db.ts';
import { startKiosk, type RunningKiosk } from '../support/kiosk.ts';
import { SEED, seedRoster } from '../support/roster-seed.ts';
import { seedEntries } from '../support/seed-entries.ts';
import { tempDir } from '../support/temp-dir.ts';
import { untranslated, visibleStrings } from '../support/screen-words.ts';

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

describe('console words, times, charts and fonts in Chromium', { timeout: 180_000 }, () => {
  let browser: Browser;
  let kiosk: RunningKiosk;
  let page: Page;
  let errors: string[];
  const temp = tempDir('gate-console-words-e2e-');
  const shots = path.join(temp.dir, 'shots');

  beforeAll(async () => {
    await seedRoster(temp.dir, { full: true });
    expect(seedEntries(temp.dir, { days: [today], perDay: 3000, seed: 5 })).toBe(3000);
    // Two shifts: 志愿者甲 from 11:28 and 志愿者乙 from 20:05, the compound's time (03:28 and 12:05 UTC).
    const db = openKioskDb(temp.dir);
    db.prepare('INSERT INTO shifts (id, volunteer, started_at) VALUES (?, ?, ?)').run('shift-a', '志愿者甲', `${today}T03:28:00.000Z`);
    db.prepare("UPDATE shifts SET ended_at = ? WHERE id = 'shift-a'").run(`${today}T12:05:00.000Z`);
    db.prepare('INSERT INTO shifts (id, volunteer, started_at) VALUES (?, ?, ?)').run('shift-b', '志愿者乙', `${today}T12:05:00.000Z`);
    db.prepare("UPDATE entries SET shift_id = CASE volunteer WHEN '志愿者甲' THEN 'shift-a' ELSE 'shift-b' END").run();
    db.close();
    mkdirSync(shots, { recursive: true });
    [browser, kiosk] = await Promise.all([launchChromium(), startKiosk({ dataDir: temp.dir })]);
    ({ page, errors } = await openKioskPage(browser, `${kiosk.url}#/console/log`));
    page.setDefaultTimeout(20_000);
    await page.getByLabel('用户名').click();
    await page.keyboard.type(SEED.manager.username, { delay: 30 });
    await page.keyboard.press('Tab');
    await page.keyboard.type(SEED.manager.password, { delay: 30 });
    await page.keyboard.press('Enter');
    await page.getByTestId('log-total').filter({ hasText: '3,000' }).waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await kiosk?.stop();
    temp.remove();
  });

  it('labels shifts in the compound’s time, not the office PC’s (UTC here)', async () => {
    const options = await page.locator('select option').allTextContents();
    expect(options).toContain('志愿者甲 11:28');
    expect(options).toContain('志愿者乙 20:05');
    expect(options.join(' ')).not.toMatch(/03:28|12:05/);
  });

  it('names scanner choices in words', async () => {
    await page.goto(`${kiosk.url}#/console/devices`);
    const scanner = page.getByRole('combobox', { name: '扫码枪' });
    await scanner.waitFor();
    const labels = await scanner.locator('option').allTextContents();
    expect(labels).toContain('键盘式扫码枪（像键盘一样输入）');
    expect(labels.join(' ')).not.toMatch(/\bwedge\b|hid-pos|\bserial\b|\bcamera\b|\bsimulated\b/);
  });

  it('draws the refusals of each hour as a count on the same scale, with the number', async () => {
    await page.goto(`${kiosk.url}#/console/stats`);
    const chart = page.getByTestId('chart-per-hour');
    await chart.waitFor();
    const hours = await chart.locator('g[data-hour]').evaluateAll((groups) =>
      groups.map((g) => {
        const height = (sel: string) => Number(g.querySelector(sel)?.getAttribute('height') ?? 0);
        const count = (sel: string) => Number(/ (\d+)$/.exec(g.querySelector(`${sel} title`)?.textContent ?? '')?.[1] ?? 0);
        const refused = g.querySelector('.refused');
        return {
          people: count('.bar-in') + count('.bar-out'),
          stacked: height('.bar-in') + height('.bar-out'),
          refusedBar: height('.bar-refused'),
          refused: Number(refused?.getAttribute('data-refused') ?? 0),
          label: refused?.querySelector('.refused-count')?.textContent ?? null,
        };
      }),
    );
    const withRefusals = hours.filter((h) => h.refused > 0);
    expect(withRefusals.length).toBeGreaterThan(3);
    const db = openKioskDb(temp.dir, { readonly: true });
    const totals = db.prepare("SELECT sum(decision = 'refuse') AS refused FROM entries").get() as { refused: number };
    db.close();
    expect(withRefusals.reduce((sum, h) => sum + h.refused, 0)).toBe(totals.refused);
    for (const h of withRefusals) {
      expect(h.label).toBe(String(h.refused));
      // The red bar is the count on the stacked bars' own scale: pixels per person are the same.
      expect(h.refusedBar / h.refused).toBeCloseTo(h.stacked / h.people, 3);
    }
  });

  it('gives the daily report’s shift table room: no cell wraps and the table fits the sheet', async () => {
    await page.goto(`${kiosk.url}#/console/report`);
    const table = page.getByTestId('daily-report').locator('.shift-table');
    await table.waitFor();
    const cells = await table.locator('th, td').evaluateAll((all) =>
      all.map((c) => {
        const style = getComputedStyle(c);
        const range = document.createRange();
        range.selectNodeContents(c);
        return { text: c.textContent ?? '', lines: new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size, fontPt: (parseFloat(style.fontSize) * 72) / 96 };
      }),
    );
    expect(cells.length).toBeGreaterThan(8);
    for (const c of cells) {
      expect(c.lines, `"${c.text}" wraps`).toBeLessThanOrEqual(1);
      expect(c.fontPt).toBeGreaterThanOrEqual(9.5);
    }
    const fits = await table.evaluate((t) => t.getBoundingClientRect().right <= (t.closest('.a4-report') as HTMLElement).getBoundingClientRect().right + 0.5);
    expect(fits).toBe(true);
  });

  it('words import problems, the ID checksum included, in the chosen language', async () => {
    await page.goto(`${kiosk.url}#/console/roster/import`);
    await page.getByRole('combobox', { name: '导入类型' }).selectOption('residents');
    await page.getByLabel('文件（CSV 或 Excel）').setInputFiles({ name: 'residents.csv', mimeType: 'text/csv', buffer: Buffer.from('户,姓名,证件号\n9-9-909,王五,\n3-2-501,赵六,110105199003071235\n') });
    await page.getByRole('button', { name: '检查' }).click();
    const report = page.locator('.import-report');
    await report.waitFor();
    const text = (await report.textContent()) ?? '';
    expect(text).toContain('门牌 9-9-909 不在名单中：请先导入住户门牌。');
    expect(text).toContain('这个18位身份证号校验不通过');
    expect(untranslated([text], 'zh', [])).toEqual([]);
  });

  const pages = ['log', 'stats', 'report', 'roster/households', 'roster/residents', 'roster/vehicles', 'roster/commuters', 'roster/import', 'roster/cards', 'accounts', 'audit', 'data', 'devices', 'policy'];

  it.each(['zh', 'en'] as const)('shows no untranslated string on any console page or the entry detail (%s)', async (language) => {
    const current = await page.evaluate(() => document.documentElement.lang || 'zh-CN');
    if ((language === 'en') !== current.startsWith('en')) await page.getByRole('button', { name: language === 'en' ? 'English' : '中文' }).click();
    const found: Record<string, string[]> = {};
    // Data as recorded (names, numbers) and the language switch, which names the other language on purpose.
    const data = ['幸福里小区', '示例小区', SEED.resident, SEED.household, SEED.plate, SEED.cardId, SEED.manager.username, '张经理', ...(language === 'en' ? ['中文'] : [])];
    for (const p of pages) {
      await page.goto(`${kiosk.url}#/console/${p}`);
      await page.locator('.console main, .console section').first().waitFor();
      await page.waitForTimeout(600);
      const bad = untranslated(await visibleStrings(page), language, data);
      if (bad.length) found[p] = bad;
    }
    await page.goto(`${kiosk.url}#/console/log`);
    await page.locator('.log-row[data-entry-id]').first().click();
    await page.getByRole('dialog').locator('dl').waitFor();
    const detail = untranslated(await visibleStrings(page), language, data);
    if (detail.length) found['entry detail'] = detail;
    expect(found).toEqual({});
  });

  it('draws selects, inputs and placeholders with the bundled CJK font on a machine without a CJK system font', async () => {
    // A Chromium whose fontconfig knows only DejaVu (no CJK at all): whatever is not drawn with the bundled Noto Sans
    // SC shows as tofu. Chromium reports the fonts it actually used for a node's text.
    const conf = path.join(temp.dir, 'fonts.conf');
    writeFileSync(conf, `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>${temp.dir}/fc-cache</cachedir></fontconfig>`);
    const bare = await chromium.launch({ executablePath: CHROMIUM, env: { ...process.env, FONTCONFIG_FILE: conf }, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage'] });
    try {
      const p = await bare.newPage({ viewport: { width: 1280, height: 800 } });
      await p.goto(`${kiosk.url}#/console/roster/import`);
      await p.getByLabel('用户名').click();
      await p.keyboard.type(SEED.manager.username, { delay: 20 });
      await p.keyboard.press('Tab');
      await p.keyboard.type(SEED.manager.password, { delay: 20 });
      await p.keyboard.press('Enter');
      await p.locator('.console select').first().waitFor();
      await p.evaluate(() => document.fonts.ready);
      const session = await p.context().newCDPSession(p);
      await session.send('DOM.enable');
      await session.send('CSS.enable');
      const { root } = await session.send('DOM.getDocument', { depth: -1, pierce: true });
      type Node = { nodeId: number; nodeName: string; nodeValue?: string; attributes?: string[]; children?: Node[]; shadowRoots?: Node[] };
      const used: Array<{ where: string; fonts: string[] }> = [];
      const fontsOf = async (nodeId: number) => ((await session.send('CSS.getPlatformFontsForNode', { nodeId })).fonts ?? []).map((f: { familyName: string }) => f.familyName);
      const textOf = (node: Node): string => (node.nodeValue ?? '') + (node.children ?? []).map(textOf).join('');
      // Each select and input, and each placeholder in an input's own (user-agent) shadow tree, with the fonts it used.
      const visit = async (node: Node) => {
        const attrs = node.attributes ?? [];
        const pseudo = attrs[attrs.indexOf('pseudo') + 1] ?? '';
        if (node.nodeName === 'SELECT' || (attrs.includes('pseudo') && /placeholder/.test(pseudo))) {
          const text = node.nodeName === 'SELECT' ? textOf(node) : textOf(node);
          if (/[\u3400-\u9fff]/.test(text)) used.push({ where: `${node.nodeName} ${text.slice(0, 40)}`, fonts: await fontsOf(node.nodeId) });
        }
        for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) await visit(child);
      };
      await visit(root as Node);
      await p.goto(`${kiosk.url}#/console/log`);
      await p.getByPlaceholder('搜索姓名、门牌或车牌').waitFor();
      await p.evaluate(() => document.fonts.ready);
      const again = await session.send('DOM.getDocument', { depth: -1, pierce: true });
      await visit(again.root as Node);
      await p.screenshot({ path: path.join(shots, 'console-controls-without-system-cjk.png') });
      const placeholders = used.filter((u) => u.where.includes('搜索姓名'));
      expect(placeholders.length, 'the search placeholder was found in the input’s shadow tree').toBeGreaterThan(0);
      expect(used.filter((u) => u.where.startsWith('SELECT')).length).toBeGreaterThan(3);
      const tofu = used.filter((u) => u.fonts.length === 0 || u.fonts.some((f) => !/Noto Sans SC/.test(f)));
      expect(tofu).toEqual([]);
    } finally {
      await bare.close();
    }
    expect(errors).toEqual([]);
  });
});
