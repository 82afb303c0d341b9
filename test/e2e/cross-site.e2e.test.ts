// Issue 12, items 1 and 6, in Debian's Chromium: a web page from another origin, open in the kiosk PC's browser,
// tries what such a page can do without asking: embed the address that used to end the kiosk, post "simple" requests
// (no preflight) to do the first-start setup and write the log, and listen to the event stream. The kiosk stays up,
// stays unset, records nothing and streams nothing to it; its own page keeps working.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openKioskPage } from '../support/chromium.ts';
import { openKioskDb } from '../support/kiosk-db.ts';
import { startKiosk, type RunningKiosk } from '../support/kiosk.ts';

function attackPage(kiosk: string): string {
  const setup = { compoundName: '攻击者小区', compoundCode: 'EVIL', manager: { username: 'attacker', displayName: 'A', password: 'attacker-pass' } };
  const entry = { direction: 'in', identity: { name: '假人' }, code: { kind: 'manual', colour: 'green', why: 'x' }, temperature: { bodyC: 36.5, source: 'manual' }, maskWorn: true };
  return `<!doctype html><meta charset="utf-8"><title>a page elsewhere</title>
${Array.from({ length: 5 }, (_, i) => `<img src="${kiosk}%E0%A4%A?${i}">`).join('\n')}
<iframe name="sink" style="display:none"></iframe>
<form id="form" method="POST" action="${kiosk}api/invoke/entries.record" enctype="text/plain" target="sink">
  <input name='{"direction":"in","x":"' value='"}'>
</form>
<script>
  window.report = { messages: 0 };
  const events = new EventSource('${kiosk}api/events');
  events.onmessage = () => window.report.messages++;
  events.addEventListener('entries.recorded', () => window.report.messages++);
  (async () => {
    const simple = (method, body) => fetch('${kiosk}api/invoke/' + method, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(body) }).then(() => 'sent', (e) => 'failed: ' + e);
    window.report.setup = await simple('setup.complete', ${JSON.stringify(setup)});
    window.report.entry = await simple('entries.record', ${JSON.stringify(entry)});
    // A JSON call needs the kiosk's permission (a preflight): never given.
    window.report.json = await fetch('${kiosk}api/invoke/setup.status', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then((r) => 'read ' + r.status, (e) => 'blocked');
    document.getElementById('form').submit();
    window.report.done = true;
  })();
</script>`;
}

describe('a page from another origin in the kiosk’s browser', { timeout: 90_000 }, () => {
  let browser: Browser;
  let kiosk: RunningKiosk;
  let evil: http.Server;
  let evilUrl: string;

  beforeAll(async () => {
    [browser, kiosk] = await Promise.all([launchChromium(), startKiosk()]);
    evil = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(attackPage(kiosk.url));
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await browser?.close();
    await kiosk?.stop();
    kiosk?.remove();
    await new Promise((resolve) => evil?.close(resolve));
  });

  it('neither ends the kiosk nor sets it up, writes the log or hears its events', async () => {
    const page = await browser.newPage();
    await page.goto(evilUrl);
    await page.waitForFunction(() => (window as unknown as { report: { done?: boolean } }).report?.done === true, undefined, { timeout: 30_000 });
    // Let the images, the form and the stream settle: each has been answered once the kiosk still answers after them.
    await page.waitForLoadState('networkidle');
    const report = await page.evaluate(() => (window as unknown as { report: Record<string, unknown> }).report);
    expect(report.json).toBe('blocked');
    expect(report.messages).toBe(0);
    expect(kiosk.process.exitCode, kiosk.output()).toBeNull();

    const status = await kiosk.invoke<{ needsSetup: boolean; compoundName: string }>('setup.status');
    expect(status.body.value).toMatchObject({ needsSetup: true });
    expect(status.body.value!.compoundName).not.toBe('攻击者小区');
    const db = openKioskDb(kiosk.dataDir, { readonly: true });
    try {
      expect(db.prepare('SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM entries) AS entries').get()).toEqual({ users: 0, entries: 0 });
    } finally {
      db.close();
    }
    await page.close();
  });

  it('leaves the kiosk’s own page working', async () => {
    const { page, errors } = await openKioskPage(browser, kiosk.url);
    await page.getByRole('heading', { name: '请出示健康码' }).waitFor({ timeout: 20_000 });
    await page.getByRole('link', { name: '首次使用：请完成设置' }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});
