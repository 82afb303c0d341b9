// The checkpoint page's first paint in Debian's Chromium, and the size of what it loads. The screen is built as
// `npm run build:renderer` builds it (so the figure is this code's), its files are summed gzipped as a server would
// send them, then the page is opened through the real browser host in a fresh browser context each time (no cache):
// timed in the page from navigation start to the scan step on screen (the frame after it appeared) and to its first
// contentful paint. Read beside a blank page (one word of text) from a bare Node HTTP server on the same machine,
// opened the same way and alternating with it.
// Run alone: node bench/screen-first-paint.ts
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../test/support/chromium.ts';
import { repoRoot, startKiosk, type RunningKiosk } from '../test/support/kiosk.ts';
import { benchKioskData } from './support/kiosk-data.ts';
import { percentile, quick, round, size } from './support/measure.ts';
import type { Row } from './row.ts';

const RUNS = size(7, 3);
const rendererDist = path.join(repoRoot, 'dist', 'renderer');
const BLANK = '<!doctype html><html lang="en"><meta charset="utf-8"><title>blank</title><body><p>blank</p></body></html>';

async function buildScreen(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: path.join(repoRoot, 'build/vite.renderer.config.ts'), logLevel: 'warn' });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Code and styles gzipped as a server would send them; fonts (woff2, compressed already) and pictures as they are. */
function bundleSizes(): { codeGzipKb: number; codeKb: number; atStartGzipKb: number; fontsKb: number; files: number } {
  let code = 0;
  let codeGzip = 0;
  let atStart = 0;
  let fonts = 0;
  const index = readFileSync(path.join(rendererDist, 'index.html'), 'utf8');
  // What the page loads before its first paint: index.html and the files it names (the rest loads when opened).
  const named = new Set([...index.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => path.join(rendererDist, m[1]!)));
  const files = filesUnder(rendererDist);
  for (const file of files) {
    if (/\.(js|css|html)$/.test(file)) {
      const bytes = readFileSync(file);
      const gzipped = gzipSync(bytes, { level: 9 }).length;
      code += bytes.length;
      codeGzip += gzipped;
      if (named.has(file) || file.endsWith('index.html')) atStart += gzipped;
    } else fonts += statSync(file).size;
  }
  return { codeGzipKb: round(codeGzip / 1024, 1), codeKb: round(code / 1024, 1), atStartGzipKb: round(atStart / 1024, 1), fontsKb: round(fonts / 1024, 0), files: files.length };
}

interface Paint { onScreen: number | null; contentful: number | null }

/** Opens the URL in a fresh context and answers, in ms from navigation start, the first contentful paint and (for the
 * kiosk) the frame after the scan step appeared. */
async function open(browser: Browser, url: string, kiosk: boolean): Promise<Paint> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page: Page = await context.newPage();
    if (kiosk) {
      await page.addInitScript(() => {
        const w = window as unknown as { __onScreen?: number };
        const seen = () => {
          if (w.__onScreen !== undefined || !document.querySelector('main.checkpoint[data-step="scan"]')) return false;
          requestAnimationFrame(() => (w.__onScreen = performance.now()));
          return true;
        };
        const observer = new MutationObserver(() => seen() && observer.disconnect());
        observer.observe(document, { childList: true, subtree: true, attributes: true });
      });
    }
    await page.goto(url);
    if (kiosk) await page.waitForFunction(() => (window as unknown as { __onScreen?: number }).__onScreen !== undefined, undefined, { timeout: 30_000 });
    const contentful = await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? false, undefined, { timeout: 30_000 });
    return {
      contentful: (await contentful.jsonValue()) as number,
      onScreen: kiosk ? await page.evaluate(() => (window as unknown as { __onScreen: number }).__onScreen) : null,
    };
  } finally {
    await context.close();
  }
}

export async function run(): Promise<Row[]> {
  await buildScreen();
  const sizes = bundleSizes();
  const data = benchKioskData();
  let kiosk: RunningKiosk | undefined;
  let browser: Browser | undefined;
  let blankServer: Server | undefined;
  try {
    kiosk = await startKiosk({ dataDir: data.dataDir });
    const server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(BLANK));
    blankServer = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const blankUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
    browser = await launchChromium();
    // One of each first, not counted: Chromium's own first page and the kiosk's first answers.
    await open(browser, blankUrl, false);
    await open(browser, kiosk.url, true);
    const screen: Paint[] = [];
    const blank: Paint[] = [];
    for (let i = 0; i < RUNS; i++) {
      blank.push(await open(browser, blankUrl, false));
      screen.push(await open(browser, kiosk.url, true));
    }
    const onScreen = percentile(screen.map((p) => p.onScreen!), 50);
    const fcp = percentile(screen.map((p) => p.contentful!), 50);
    const blankFcp = percentile(blank.map((p) => p.contentful!), 50);
    return [
      {
        figure: "the checkpoint page's first paint in Chromium (scan step on screen, fresh context): median from navigation start",
        value: round(onScreen, 0),
        unit: 'ms',
        target: '< 1000 ms',
        compare: `a blank page's first paint ${round(blankFcp, 0)} ms; the checkpoint's first contentful paint ${round(fcp, 0)} ms`,
        meets: onScreen < 1000,
        note: `${RUNS} opens of each, alternating, after one uncounted${quick ? ' (quick)' : ''}; through the browser host on 127.0.0.1, 1280x800`,
      },
      {
        figure: "the screen's code and styles (renderer bundle: JS, CSS, HTML), gzipped",
        value: sizes.codeGzipKb,
        unit: 'KB',
        better: 'lower',
        target: 'printed',
        compare: `${sizes.atStartGzipKb} KB of it loaded before the first paint (the console, setup and the camera's decoder load when opened); ${sizes.codeKb} KB before gzip; fonts and pictures ${sizes.fontsKb} KB more (woff2, compressed already, loaded per character range)`,
        note: `${sizes.files} files in dist/renderer, as npm run build:renderer builds them`,
      },
    ];
  } finally {
    await browser?.close();
    await kiosk?.stop();
    await new Promise<void>((resolve) => (blankServer ? blankServer.close(() => resolve()) : resolve()));
    data.remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of await run()) console.log(`${row.figure}: ${row.value} ${row.unit ?? ''} (target ${row.target}; ${row.compare})${row.note ? ` — ${row.note}` : ''}`);
}
