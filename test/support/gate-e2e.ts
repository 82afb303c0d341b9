// One kiosk for an end-to-end gate test file: the real browser host on a seeded roster (a resident, accounts, a printed
// card, a car), a code signer for gate codes with any holder, Debian's Chromium at the kiosk's size, the volunteer
// signed on with real keys, and the rows read back from the encrypted database.
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openKioskPage } from './chromium.ts';
import { codeSigner } from './gate-codes.ts';
import { openKioskDb } from './kiosk-db.ts';
import { startKiosk, type RunningKiosk } from './kiosk.ts';
import { SEED, seedRoster } from './roster-seed.ts';
import { tempDir } from './temp-dir.ts';
import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { readSecret } from '../../src/kiosk/platform/store/secrets.ts';
import path from 'node:path';

/**
 * The kiosk's default devices, with a longer silence ending a scanner burst (1 s, not 200 ms): on this shared build
 * machine the browser sometimes hands keys over 200-600 ms late, which would cut a scan in two. scanKeys waits that
 * long after the last key, so a volunteer's key is never taken into a scan.
 */
export const E2E_DEVICES = { thermometer: { mode: 'simulated', scenario: 'normal' }, scanner: { mode: 'wedge' }, wedge: { silenceMs: 1000 } };

export interface Gate {
  kiosk: RunningKiosk;
  browser: Browser;
  page: Page;
  errors: string[];
  dataDir: string;
  /** The resident's printed card (李*). */
  card: string;
  /** A fresh signed gate code for a holder. */
  code: ReturnType<typeof codeSigner>;
  entries(): number;
  /** An ID number's keyed hash as this compound's codes carry it (the roster key in the kiosk's database). */
  idHash(idNumber: string): string;
  lastRow(): Record<string, unknown>;
  close(): Promise<void>;
}

export async function openGate(options: { config?: Record<string, unknown>; viewport?: { width: number; height: number }; signOn?: boolean } = {}): Promise<Gate> {
  const temp = tempDir('gate-e2e-');
  const card = (await seedRoster(temp.dir, { full: true })).card!;
  const code = codeSigner(temp.dir);
  writeFileSync(path.join(temp.dir, 'config.json'), JSON.stringify({ devices: E2E_DEVICES, ...options.config }));
  const kiosk = await startKiosk({ dataDir: temp.dir });
  const browser = await launchChromium();
  const { page, errors } = await openKioskPage(browser, kiosk.url);
  if (options.viewport) await page.setViewportSize(options.viewport);
  page.setDefaultTimeout(20_000);
  const query = <T>(sql: string): T => {
    const db = openKioskDb(temp.dir, { readonly: true });
    try {
      return db.prepare(sql).get() as T;
    } finally {
      db.close();
    }
  };
  const gate: Gate = {
    kiosk,
    browser,
    page,
    errors,
    dataDir: temp.dir,
    card,
    code,
    entries: () => query<{ n: number }>('SELECT count(*) AS n FROM entries').n,
    idHash: (idNumber) => {
      const db = openKioskDb(temp.dir, { readonly: true });
      try {
        return createHmac('sha256', Buffer.from(readSecret(db, 'roster-id-key')!, 'hex')).update(idNumber, 'utf8').digest('hex');
      } finally {
        db.close();
      }
    },
    lastRow: () => query<Record<string, unknown>>('SELECT * FROM entries ORDER BY at_ms DESC, rowid DESC LIMIT 1'),
    async close() {
      await browser.close();
      await kiosk.stop();
      temp.remove();
    },
  };
  if (options.signOn !== false) await signOn(page);
  return gate;
}

/** The first volunteer signs on, typing at a person's pace. */
export async function signOn(page: Page, volunteer = SEED.volunteers[0]!): Promise<void> {
  await page.getByRole('heading', { name: /志愿者上岗/ }).waitFor();
  await page.getByLabel('账号').click();
  await page.keyboard.type(volunteer.username, { delay: 120 });
  await page.getByLabel('PIN').click();
  await page.keyboard.type(volunteer.pin, { delay: 120 });
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: '请出示健康码' }).waitFor();
}

export const stepOf = (page: Page) => page.locator('main.checkpoint').getAttribute('data-step');
