// A training kiosk in Debian's Chromium (`gate-kiosk serve --training`): its own folder beside the real one with the
// sample data, the accounts' secrets printed once, a banner on the gate screen, and nothing sent to a real registry,
// even after a clumsy administrator enrolled the training folder with it: the registry on 127.0.0.1 (PGlite) receives
// no entry and no audit record, and the entries wait in the training folder's outbox.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolKiosk } from '../../src/kiosk/features/sync/enrol.ts';
import { openStore } from '../../src/kiosk/platform/store/open-store.ts';
import type { RunningRegistry } from '../../src/registry/server.ts';
import type { Database } from '../../src/registry/sql.ts';
import { launchChromium, openKioskPage } from '../support/chromium.ts';
import { openKioskDb } from '../support/kiosk-db.ts';
import { startKiosk, type RunningKiosk } from '../support/kiosk.ts';
import { pgliteBackend } from '../support/registry-backends.ts';
import { enrolmentCode, testRegistry } from '../support/registry-harness.ts';
import { tempDir } from '../support/temp-dir.ts';

describe('a training kiosk in Chromium', { timeout: 120_000 }, () => {
  const backend = pgliteBackend();
  const real = tempDir('training-real-');
  const trainingDir = path.join(real.dir, 'training');
  let db: Database;
  let registry: RunningRegistry;
  let browser: Browser;
  let kiosk: RunningKiosk;
  let page: Page;
  let errors: string[];
  let volunteer: { username: string; pin: string };

  async function key(name: string) {
    await page.keyboard.press(name);
    await page.waitForTimeout(250);
  }

  beforeAll(async () => {
    db = await backend.open();
    registry = await testRegistry(db);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await kiosk?.stop();
    await registry?.close();
    await backend.close();
    real.remove();
  });

  it('loads the sample data into DATA/training at its first start and prints the secrets once', async () => {
    kiosk = await startKiosk({ dataDir: real.dir, args: ['--training'] });
    const output = kiosk.output();
    expect(output).toMatch(/Training kiosk: sample data, a banner on every screen, nothing is sent to the registry/);
    const pin = /volunteer\s+(\S+)\s+PIN (\d{4})/.exec(output);
    expect(pin).not.toBeNull();
    volunteer = { username: pin![1]!, pin: pin![2]! };
    expect(output).toMatch(/administrator sample-admin\s+password [a-z0-9]{12}/);
    await kiosk.stop();
    // The real folder holds no kiosk database: everything went into DATA/training.
    expect(existsSync(path.join(real.dir, 'gate-kiosk.sqlite'))).toBe(false);
    expect(existsSync(path.join(trainingDir, 'sample-data.json'))).toBe(true);
    // Started again, it does not print the secrets again.
    kiosk = await startKiosk({ dataDir: real.dir, args: ['--training'] });
    expect(kiosk.output()).not.toMatch(/PIN \d{4}/);
    await kiosk.stop();
  });

  it('shows the training banner, records at the gate, and sends nothing to an enrolled registry', async () => {
    // A clumsy administrator enrols the training folder with the real registry.
    const store = openStore(trainingDir);
    await enrolKiosk({ db: store, registryUrl: registry.url, code: await enrolmentCode(registry.url, 'c-training'), kioskName: 'Training', allowInsecureHttp: true });
    store.close();
    expect(await db.query('SELECT kiosk_id FROM kiosks')).toHaveLength(1);

    kiosk = await startKiosk({ dataDir: real.dir, args: ['--training'] });
    ({ page, errors } = await openKioskPage(browser, kiosk.url));
    page.setDefaultTimeout(20_000);
    await page.getByTestId('sample-banner').getByText('培训模式：使用示例数据，任何记录都不会上传到区登记中心。').waitFor();
    await page.getByText('幸福里小区（示例数据） · 门岗登记').waitFor();
    await page.getByRole('heading', { name: /志愿者上岗/ }).waitFor();
    await page.keyboard.type(volunteer.username, { delay: 120 });
    await key('Tab');
    await page.keyboard.type(volunteer.pin, { delay: 250 });
    await key('Enter');
    await page.getByRole('heading', { name: '请出示健康码' }).waitFor();
    // No phone: the colour by hand, then the household 1-1-102 (one resident), temperature, mask.
    await key('0');
    await page.getByRole('heading', { name: '请确认手机上健康码的颜色' }).waitFor();
    await key('1');
    await page.getByRole('heading', { name: '请问是居民还是访客？' }).waitFor();
    await key('2');
    await page.getByLabel('门牌号（楼-单元-室）').pressSequentially('1-1-102', { delay: 150 });
    await key('Enter');
    await page.getByRole('heading', { name: '是否佩戴口罩？' }).waitFor();
    await key('1');
    await page.locator('[data-decision="pass"]').waitFor();

    // The hand-over says nothing is sent, in words; so does the flush call; two upload cycles later the registry still has nothing.
    const next = page.getByRole('button', { name: /下一位/ });
    await next.focus();
    await key('Enter');
    await page.getByRole('heading', { name: '请出示健康码' }).waitFor();
    await key('+');
    await page.getByTestId('hand-over-flush').getByText(/这是示例数据或培训门岗：记录只保存在本机，不会上报区登记中心。/).waitFor();
    const flush = await kiosk.invoke<{ complete: boolean; message: string; waiting: number }>('sync.flush', { timeoutMs: 5000 });
    expect(flush.body.value).toMatchObject({ complete: false, why: 'sample-data', waiting: 1, message: 'Training kiosk: nothing is sent to the registry.' });
    await new Promise((resolve) => setTimeout(resolve, 7000));
    expect(await db.query('SELECT kiosk_id FROM entries')).toEqual([]);
    expect(await db.query('SELECT seq FROM audit_records')).toEqual([]);
    const local = openKioskDb(trainingDir, { readonly: true });
    const waiting = local.prepare('SELECT count(*) AS n FROM sync_outbox').get() as { n: number };
    const entry = local.prepare('SELECT identity_name, household_label FROM entries').get();
    local.close();
    expect(waiting.n).toBe(1);
    expect(entry).toEqual({ identity_name: '陈静', household_label: '1-1-102' });
    expect(errors).toEqual([]);
  });
});
