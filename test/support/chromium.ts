// Debian's Chromium driven by playwright-core: no browser download, flags for a closed network and root.
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** A kiosk-sized page that fails the test on any page error. */
export async function openKioskPage(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  if (process.env.DEBUG_E2E) page.on('response', (r) => r.status() >= 400 && console.error('HTTP', r.status(), r.url(), r.request().postData()?.slice(0, 300)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
    if (process.env.DEBUG_E2E) console.error('PAGE', message.type(), message.text(), message.location().url);
  });
  await page.goto(url);
  return { page, errors };
}

/**
 * Types like a keyboard-wedge scanner (or a person, with a larger gap), ending with Enter. The keystrokes are paced
 * inside the page: driving each key over the DevTools protocol adds round trips of up to a few hundred ms on a busy
 * 2-core machine, which would turn a 5 ms scanner into a slow typist. Each key carries the time the scanner sent it, as
 * the OS stamps a real key: when a render stalls the page, the keys queued meanwhile arrive late but keep their own
 * times, exactly as a real scanner's do on a busy PC (a synthetic event's own timeStamp would be the late one).
 */
export async function typeKeys(page: Page, text: string, gapMs: number, suffix: 'Enter' | null = 'Enter'): Promise<void> {
  await page.evaluate(
    async ({ text, gapMs, suffix }) => {
      const codeOf = (c: string) => (/[a-z]/i.test(c) ? `Key${c.toUpperCase()}` : /\d/.test(c) ? `Digit${c}` : c === '-' ? 'Minus' : c === ':' ? 'Semicolon' : c === '.' ? 'Period' : c === '/' ? 'Slash' : '');
      const shifted = (c: string) => /[A-Z:]/.test(c);
      const send = (key: string, code: string, shiftKey: boolean, sentAt: number) => {
        const target = document.activeElement ?? document.body;
        for (const type of ['keydown', 'keyup']) {
          const event = new KeyboardEvent(type, { key, code, shiftKey, bubbles: true, cancelable: true });
          Object.defineProperty(event, 'timeStamp', { value: sentAt });
          target.dispatchEvent(event);
        }
      };
      const until = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - performance.now())));
      const start = performance.now();
      for (const [i, char] of [...text].entries()) {
        const sentAt = start + i * gapMs;
        await until(sentAt);
        send(char, codeOf(char), shifted(char), sentAt);
      }
      const endAt = start + text.length * gapMs;
      await until(endAt);
      if (suffix) send(suffix, suffix, false, endAt);
    },
    { text, gapMs, suffix },
  );
}
