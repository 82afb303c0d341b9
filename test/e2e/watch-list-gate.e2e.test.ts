// Issue 17 in Debian's Chromium: the district publishes a watch list at a real registry over HTTP; the kiosk (the
// real browser host, enrolled, syncing) applies it and shows its age; a volunteer records a resident without a
// smartphone going out by ID number, and the screen refuses them with what to say; back in, they pass; a follow-up
// person passes with a discreet notice. The log keeps the list and its version.
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolKiosk } from '../../src/kiosk/features/sync/enrol.ts';
import { openStore } from '../../src/kiosk/platform/store/open-store.ts';
import type { Database as RegistryDb } from '../../src/registry/sql.ts';
import type { RunningRegistry } from '../../src/registry/server.ts';
import { launchChromium, openKioskPage } from '../support/chromium.ts';
import { openKioskDb } from '../support/kiosk-db.ts';
import { publishWatchList } from '../support/district.ts';
import { startKiosk, type RunningKiosk } from '../support/kiosk.ts';
import { pgliteBackend } from '../support/registry-backends.ts';
import { enrolmentCode, testRegistry } from '../support/registry-harness.ts';
import { SEED, seedRoster } from '../support/roster-seed.ts';
import { waitFor } from '../support/sync-fixtures.ts';
import { tempDir } from '../support/temp-dir.ts';

function lastRow(dataDir: string): { decision: string; reasons: string; watch: string | null; direction: string } {
  const db = openKioskDb(dataDir, { readonly: true });
  try {
    return db.prepare('SELECT decision, reasons, watch, direction FROM entries ORDER BY at_ms DESC, rowid DESC LIMIT 1').get() as never;
  } finally {
    db.close();
  }
}

describe('a district watch list at the gate, in Chromium', { timeout: 90_000 }, () => {
  const backend = pgliteBackend();
  const temp = tempDir('gate-watch-e2e-');
  let db: RegistryDb;
  let registry: RunningRegistry;
  let browser: Browser;
  let kiosk: RunningKiosk;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    db = await backend.open();
    registry = await testRegistry(db);
    // Enrolled at installation (a test registry on loopback speaks http), then the roster as an import leaves it.
    const store = openStore(temp.dir);
    await enrolKiosk({ db: store, registryUrl: registry.url, code: await enrolmentCode(registry.url, 'c-maple', '梧桐苑'), kioskName: 'Gate 1', allowInsecureHttp: true });
    store.close();
    seedRoster(temp.dir);
    writeFileSync(path.join(temp.dir, 'config.json'), JSON.stringify({ registry: { documentsEverySeconds: 1 } }));
    await publishWatchList(registry.url, [{ id: SEED.idNumber, kind: 'quarantine', note: '密接' }]);
    kiosk = await startKiosk({ dataDir: temp.dir });
    await waitFor('the list at the kiosk', async () => ((await kiosk.invoke<{ version: number }>('watch.status')).body.value?.version === 1 ? true : null));
    browser = await launchChromium();
    ({ page, errors } = await openKioskPage(browser, kiosk.url));
    page.setDefaultTimeout(20_000);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await kiosk?.stop();
    await registry?.close();
    await backend.close();
    temp.remove();
  });

  /** A volunteer's key, at a person's pace: two keys within the scanner's burst window would be read as a scan. */
  async function key(name: string) {
    await page.keyboard.press(name);
    await page.waitForTimeout(250);
  }

  async function residentById(direction: 'in' | 'out') {
    await page.getByRole('heading', { name: '请出示健康码' }).waitFor();
    const current = await page.locator('main.checkpoint').getAttribute('data-direction');
    if (current !== direction) {
      await key('/');
      await page.locator(`main.checkpoint[data-direction="${direction}"]`).waitFor();
    }
    await key('0');
    await page.getByRole('heading', { name: '请确认手机上健康码的颜色' }).waitFor();
    await key('1');
    await page.getByRole('heading', { name: '请问是居民还是访客？' }).waitFor();
    await key('1');
    await page.getByLabel('身份证号').fill(SEED.idNumber);
    await page.keyboard.press('Enter');
  }

  it('shows the list and its age in the header', async () => {
    await page.getByText(/区名单 第 1 版 · \d+ 分钟前核对/).waitFor();
  });

  it('refuses the quarantined resident going out, with what to say, and records the list and version', async () => {
    await residentById('out');
    const result = page.locator('[data-decision]');
    await result.waitFor();
    expect(await result.getAttribute('data-decision')).toBe('refuse');
    await page.getByText('居家隔离期间', { exact: true }).waitFor();
    await page.getByText('居家隔离期间请勿外出，如有需要请联系社区').waitFor();
    const row = lastRow(temp.dir);
    expect(row).toMatchObject({ decision: 'refuse', direction: 'out', reasons: '["watch-quarantine"]' });
    expect(JSON.parse(row.watch!)).toEqual({ version: 1, hits: [{ kind: 'quarantine', ref: 2 }] });
    await page.getByRole('button', { name: /下一位/ }).click();
  });

  it('lets them back in (home is where they should be)', async () => {
    await residentById('in');
    await page.getByRole('heading', { name: '是否佩戴口罩？' }).waitFor();
    await key('1');
    const result = page.locator('[data-decision]');
    await result.waitFor();
    expect(await result.getAttribute('data-decision')).toBe('pass');
    expect(JSON.parse(lastRow(temp.dir).watch!)).toMatchObject({ hits: [{ kind: 'quarantine' }] });
    await page.getByRole('button', { name: /下一位/ }).click();
  });

  it('passes a follow-up person with a discreet notice, once the district lists them so', async () => {
    await publishWatchList(registry.url, [{ id: SEED.idNumber, kind: 'follow-up' }]);
    await waitFor('list v2', async () => ((await kiosk.invoke<{ version: number }>('watch.status')).body.value?.version === 2 ? true : null));
    await residentById('out');
    const result = page.locator('[data-decision]');
    await result.waitFor();
    expect(await result.getAttribute('data-decision')).toBe('pass');
    await page.locator('[data-watch="follow-up"]').getByText('随访人员：已通知社区，请照常登记').waitFor();
    await page.getByRole('button', { name: /下一位/ }).click();
    await page.getByText(/区名单 第 2 版/).waitFor();
    expect(errors).toEqual([]);
  });
});
