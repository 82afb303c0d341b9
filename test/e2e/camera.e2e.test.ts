// The camera fallback in Chromium: a fake camera shows a real QR code (an EU DCC test vector) and the screen reads it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM } from '../support/chromium.ts';
import { repoRoot, startKiosk, type RunningKiosk } from '../support/kiosk.ts';
import { writeQrVideo } from '../support/qr-video.ts';
import { tempDir } from '../support/temp-dir.ts';

const vector = JSON.parse(readFileSync(path.resolve(repoRoot, '../shared/testdata/dcc/AT/2DCode/raw/1.json'), 'utf8')) as { PREFIX: string; '2DCODE': string };

describe('camera fallback', () => {
  const temp = tempDir();
  let browser: Browser;
  let kiosk: RunningKiosk;

  beforeAll(async () => {
    const video = path.join(temp.dir, 'qr.y4m');
    writeQrVideo(Buffer.from(vector['2DCODE'], 'base64'), video);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
    });
    kiosk = await startKiosk();
  });
  afterAll(async () => {
    await browser?.close();
    await kiosk?.stop();
    kiosk?.remove();
    temp.remove();
  });

  it('reads the code from the camera and checks it like a scan', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['camera']);
    const page = await context.newPage();
    await page.goto(kiosk.url);
    await page.getByRole('button', { name: /摄像头扫码/ }).click();
    // A DCC is a format this gate has not switched on: it is read, then refused as not accepted, never as a colour.
    await expect.poll(() => page.locator('[data-decision]').getAttribute('data-decision'), { timeout: 20_000 }).toBe('refuse');
    const { body } = await kiosk.invoke<{ entries: Array<{ code: { status: string; reason?: string } }> }>('entries.today', {});
    expect(body.value!.entries[0]!.code).toMatchObject({ status: 'invalid', reason: 'format-not-accepted' });
    await context.close();
  });
});
