// A hand-over with a big backlog in Debian's Chromium: the registry was unreachable (a proxy answering 500) while
// 30,000 entries piled up; once it answers, the hand-over's flush shows on screen how far the upload has got, batch by
// batch, until the registry holds everything.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolKiosk } from '../../src/kiosk/features/sync/enrol.ts';
import { enqueueFields } from '../../src/kiosk/features/sync/outbox.ts';
import { openStore } from '../../src/kiosk/platform/store/open-store.ts';
import type { RunningRegistry } from '../../src/registry/server.ts';
import type { Database } from '../../src/registry/sql.ts';
import { launchChromium, openKioskPage } from '../support/chromium.ts';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.ts';
import { startKiosk, type RunningKiosk } from '../support/kiosk.ts';
import { pgliteBackend } from '../support/registry-backends.ts';
import { enrolmentCode, testRegistry } from '../support/registry-harness.ts';
import { SEED, seedRoster } from '../support/roster-seed.ts';
import { entryFields } from '../support/sync-fixtures.ts';
import { tempDir } from '../support/temp-dir.ts';

const BACKLOG = 30_000;

describe('flush progress at the hand-over in Chromium', { timeout: 180_000 }, () => {
  const backend = pgliteBackend();
  const temp = tempDir('flush-progress-e2e-');
  let db: Database;
  let registry: RunningRegistry;
  let proxy: FaultProxy;
  let browser: Browser;
  let kiosk: RunningKiosk;
  let page: Page;

  beforeAll(async () => {
    db = await backend.open();
    registry = await testRegistry(db);
    proxy = await startFaultProxy(registry.url);
    await seedRoster(temp.dir, { full: true });
    const store = openStore(temp.dir);
    await enrolKiosk({ db: store, registryUrl: proxy.url, code: await enrolmentCode(registry.url, 'c-progress'), kioskName: 'Gate 1', allowInsecureHttp: true });
    const start = Date.now() - 7 * 86_400_000;
    store.transaction(() => {
      for (let i = 0; i < BACKLOG; i++) enqueueFields(store, entryFields({}, start + i * 20_000));
    })();
    store.close();
    proxy.plan = () => 'error-500';
    browser = await launchChromium();
    kiosk = await startKiosk({ dataDir: temp.dir });
    ({ page } = await openKioskPage(browser, kiosk.url));
    page.setDefaultTimeout(30_000);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await kiosk?.stop();
    await proxy?.close();
    await registry?.close();
    await backend.close();
    temp.remove();
  });

  it('shows the upload moving, then up to when the registry holds the log', async () => {
    await page.getByRole('heading', { name: /志愿者上岗/ }).waitFor();
    await page.getByLabel('账号').pressSequentially(SEED.volunteers[0]!.username, { delay: 120 });
    await page.getByLabel('PIN').pressSequentially(SEED.volunteers[0]!.pin, { delay: 250 });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '请出示健康码' }).waitFor();
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM entries'))[0]!.n).toBe(0);

    proxy.plan = () => 'pass';
    await page.keyboard.press('+');
    const bar = page.locator('progress.flush-progress');
    await bar.waitFor();
    // Read the figure as it moves: at least one value strictly between none and all of it, never going back.
    const seen: number[] = [];
    const flush = page.getByTestId('hand-over-flush');
    for (;;) {
      const busy = (await flush.getAttribute('class'))?.includes('busy');
      if (!busy) break;
      const [sent, total] = await bar.evaluateAll((bars) => [bars[0]?.getAttribute('data-sent') ?? null, bars[0]?.getAttribute('data-total') ?? null]);
      if (sent !== null && seen.at(-1) !== Number(sent)) seen.push(Number(sent));
      if (total !== null) expect(Number(total)).toBe(BACKLOG);
      await page.waitForTimeout(50);
    }
    expect(seen.some((n) => n > 0 && n < BACKLOG), `figures seen: ${seen.join(', ')}`).toBe(true);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!);
    // Done, or out of the hand-over's 15 s with what still waits, and never blaming the registry for the 500s before it came back.
    expect(await flush.textContent()).toMatch(/之前的记录已全部上报区登记中心|还有 \d+ 条记录未上报/);
    expect(await flush.textContent()).not.toMatch(/injected failure/);
    // The hand-over waits 15 s; what it did not send, the kiosk keeps sending: the registry ends up with all of it.
    await expect.poll(async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM entries'))[0]!.n, { timeout: 90_000 }).toBe(BACKLOG);
    await page.screenshot({ path: path.join(temp.dir, 'hand-over.png') });
  });
});
