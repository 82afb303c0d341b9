// `gate-kiosk demo-sheet --out FILE.pdf`: the demo sheet as a PDF, with fresh codes signed from the data folder's
// sample data (the kiosk may be running: this opens the folder as `accounts` does, and the issue is audited).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { clockHHMM, localDay } from '../common/local-time.ts';
import { defaultDataDir } from '../kiosk/app/paths.ts';
import { sheetFromFolder } from '../kiosk/features/demo/index.ts';
import { loadConfig } from '../kiosk/platform/config/kiosk-config.ts';
import { openStore } from '../kiosk/platform/store/open-store.ts';
import { sheetHtml } from './demo-sheet/html.ts';
import { drawSheet } from './demo-sheet/layout.ts';
import { renderPdf } from './demo-sheet/pdf.ts';
import { parseCommandArgs, UsageError } from './parse-args.ts';

const HELP = `Usage: gate-kiosk demo-sheet --out FILE.pdf [--data DIR] [--plain]

Prints the demo sheet (one A4 page) with fresh codes to scan at the kiosk: green, yellow, red, an old screenshot, a
relative's code, a printed resident card, a commuter's card and an EU DCC test vector, each with the answer the gate
gives. Needs the sample data (first start: "try it with sample data"; or a training kiosk's folder, DATA/training).
  --out FILE   the PDF to write
  --data DIR   data folder (default ./data)
  --plain      English only, without a browser (the default prints Chinese and English through headless Chromium,
               with the machine's CJK fonts, and falls back to this when no Chromium is found)`;

const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter((p): p is string => Boolean(p));

/** Prints the HTML sheet to a PDF with headless Chromium; throws with Chromium's words when it cannot. */
function printWithChromium(browser: string, html: string, out: string): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gate-kiosk-sheet-'));
  const page = path.join(dir, 'sheet.html');
  writeFileSync(page, html);
  const args = ['--headless', '--disable-gpu', '--no-pdf-header-footer', '--no-first-run', `--user-data-dir=${path.join(dir, 'profile')}`, `--print-to-pdf=${path.resolve(out)}`, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), `file://${page}`];
  return new Promise<void>((resolve, reject) => {
    const child = spawn(browser, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
      if (code === 0 && existsSync(out)) resolve();
      else reject(new Error(`${browser} could not print the sheet (exit ${code}): ${stderr.trim().split('\n').at(-1) ?? ''}`));
    });
  });
}

export async function run(args: string[]): Promise<number> {
  let db: ReturnType<typeof openStore> | null = null;
  try {
    const parsed = parseCommandArgs(args, { out: { type: 'string' }, data: { type: 'string' }, plain: { type: 'boolean' } }, HELP);
    if (!parsed) return 0;
    const out = parsed.values.out;
    if (!out) throw new UsageError('Say where to write the PDF: --out demo-sheet.pdf');
    if (!out.toLowerCase().endsWith('.pdf')) throw new UsageError(`--out must name a .pdf file, not "${out}"`);
    const dataDir = path.resolve(parsed.values.data ?? defaultDataDir);
    const config = loadConfig(dataDir);
    db = openStore(dataDir);
    const sheet = sheetFromFolder({ db, dataDir, config, now: () => new Date() }, { name: `os:${os.userInfo().username}`, role: null });
    const zone = config.timeZone;
    const at = (iso: string) => `${localDay(iso, zone)} ${clockHHMM(iso, zone)}`;
    const local = { printedAt: at(sheet.issuedAt), validUntil: clockHHMM(sheet.validUntil, zone), timeZone: zone, compound: config.compoundCode || 'sample' };
    const browser = parsed.values.plain ? undefined : CHROMIUM.find((p) => existsSync(p));
    if (browser) await printWithChromium(browser, sheetHtml(sheet, local), out);
    else {
      if (!parsed.values.plain) console.log('No Chromium found: the sheet is in English only (install chromium for Chinese and English).');
      writeFileSync(out, renderPdf([drawSheet(sheet, local)]));
    }
    console.log(`Demo sheet with ${sheet.codes.length} codes written to ${path.resolve(out)}; the short-lived ones work until ${at(sheet.validUntil)} (${zone}).`);
    return 0;
  } catch (error) {
    console.error(`gate-kiosk demo-sheet: ${(error as Error).message}`);
    return error instanceof UsageError ? 2 : 1;
  } finally {
    db?.close();
  }
}
