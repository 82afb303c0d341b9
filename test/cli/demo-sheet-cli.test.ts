// The demo sheet as people meet it: `gate-kiosk demo-sheet --out FILE.pdf` beside a running kiosk that took the
// sample data, the PDF rendered by poppler (pdftoppm), every cell's QR code read back by a real decoder (zbarimg) and
// its printed words by pdftotext, and each code scanned into the kiosk over HTTP: the gate's answer is the one the
// sheet prints, and the cards find the person the sheet names.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellBox } from '../../src/cli/demo-sheet/layout.ts';
import { A4 } from '../../src/cli/demo-sheet/pdf.ts';
import { cli, repoRoot, startKiosk, type RunningKiosk } from '../support/kiosk.ts';
import { openKioskDb } from '../support/kiosk-db.ts';
import { tempDir } from '../support/temp-dir.ts';

const DPI = 200;
const px = (points: number) => Math.round((points * DPI) / 72);

function runCli(args: string[]) {
  return spawnSync(process.execPath, [cli, ...args], { cwd: repoRoot, encoding: 'utf8', env: process.env });
}

/** One cell of the page: its QR text by zbarimg, its words by pdftotext, both cropped to the cell. */
function readCell(pdf: string, page: string, i: number): { qr: string[]; words: string } {
  const box = cellBox(i);
  const crop = ['-x', String(px(box.x)), '-y', String(px(A4.height - box.y - box.height)), '-W', String(px(box.width)), '-H', String(px(box.height))];
  const png = `${page}-cell${i}`;
  execFileSync('pdftoppm', ['-r', String(DPI), '-png', '-singlefile', ...crop, pdf, png]);
  const decoded = spawnSync('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', `${png}.png`], { encoding: 'utf8' });
  const words = execFileSync('pdftotext', ['-r', String(DPI), ...crop, '-layout', pdf, '-'], { encoding: 'utf8' });
  return { qr: decoded.stdout.split('\n').filter(Boolean), words };
}

/**
 * A call to the kiosk, once more if the kept-alive connection was closed under it while Chromium printed (the host
 * ends idle connections after a few seconds; a reused one can meet that close). Only socket closes are retried.
 */
async function call<T>(kiosk: RunningKiosk, method: string, input: unknown) {
  try {
    return await kiosk.invoke<T>(method, input);
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code !== 'UND_ERR_SOCKET') throw error;
    return kiosk.invoke<T>(method, input);
  }
}

describe('gate-kiosk demo-sheet', { timeout: 120_000 }, () => {
  const temp = tempDir('demo-sheet-');
  let kiosk: RunningKiosk;

  beforeAll(async () => {
    kiosk = await startKiosk({ dataDir: temp.dir });
  });
  afterAll(async () => {
    await kiosk?.stop();
    temp.remove();
  });

  it('refuses without sample data, says what to do, and names a missing or wrong --out', () => {
    const none = runCli(['demo-sheet', '--data', temp.dir, '--out', path.join(temp.dir, 'x.pdf')]);
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/needs the sample data: load it at first start/);
    expect(runCli(['demo-sheet', '--data', temp.dir]).stderr).toMatch(/--out demo-sheet.pdf/);
    expect(runCli(['demo-sheet', '--data', temp.dir, '--out', 'sheet.png']).stderr).toMatch(/must name a .pdf file/);
    expect(existsSync(path.join(temp.dir, 'x.pdf'))).toBe(false);
  });

  it.each([
    { mode: 'Chinese and English through headless Chromium', args: [] as string[], chinese: true },
    { mode: 'English only with the built-in writer (--plain)', args: ['--plain'], chinese: false },
  ])('prints a PDF ($mode) whose every code scans to the answer printed beside it', async ({ args, chinese }) => {
    if ((await call<{ sample: boolean }>(kiosk, 'demo.status', {})).body.value?.sample !== true) {
      const loaded = await call(kiosk, 'demo.load', {});
      expect(loaded.body.ok, JSON.stringify(loaded.body.error)).toBe(true);
    }
    const pdf = path.join(temp.dir, `demo-sheet${args.join('')}.pdf`);
    const made = runCli(['demo-sheet', '--data', temp.dir, '--out', pdf, ...args]);
    expect(made.status, made.stderr).toBe(0);
    expect(made.stdout).toMatch(/Demo sheet with 8 codes written to .*\.pdf; the short-lived ones work until/);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const whole = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(whole).toMatch(/SAMPLE DATA/);
    if (chinese) expect(whole).toMatch(/示例数据/);

    const seen: Record<string, string> = {};
    const answersZh: Record<string, string> = { green: '绿码', yellow: '黄码', red: '红码', invalid: '无效码' };
    for (let i = 0; i < 8; i++) {
      const cell = readCell(pdf, path.join(temp.dir, `page${args.join('')}`), i);
      expect(cell.qr, `cell ${i}: exactly one QR code`).toHaveLength(1);
      const said = /Gate answer: ([A-Z]+)/.exec(cell.words)?.[1]?.toLowerCase();
      const title = /(Green code|Yellow code|Red code|Old screenshot|A relative's code|Printed resident card|Commuter card|EU DCC test vector)/.exec(cell.words)?.[1];
      expect(said, `cell ${i} prints its answer`).toBeTruthy();
      expect(title, `cell ${i} says what it is`).toBeTruthy();
      if (chinese) expect(cell.words).toContain(`门岗结果：${answersZh[said!]}`);
      const verified = await call<{ checkId: string; result: { status: string } }>(kiosk, 'codes.verify', { text: cell.qr[0] });
      expect(verified.body.ok, JSON.stringify(verified.body.error)).toBe(true);
      expect(verified.body.value!.result.status, `${title}: ${JSON.stringify(verified.body.value!.result)}`).toBe(said);
      const household = /Household (\S+) \((resident|commuter)\)/.exec(cell.words);
      if (household) {
        const match = await call<{ match: { kind: string; resident: { household: string } } | null }>(kiosk, 'gate.match', { checkId: verified.body.value!.checkId });
        // The gate shows the household masked (3-2-5**): it must be the one the sheet names.
        const shown = match.body.value!.match!;
        expect(shown.kind).toBe(household[2]);
        expect(household[1]!.startsWith(shown.resident.household.replace(/\*+$/, ''))).toBe(true);
      }
      seen[title!] = said!;
    }
    // The eight kinds the sheet promises, with the answers a gate must give them.
    expect(seen).toEqual({
      'Green code': 'green',
      'Yellow code': 'yellow',
      'Red code': 'red',
      'Old screenshot': 'invalid',
      "A relative's code": 'green',
      'Printed resident card': 'green',
      'Commuter card': 'green',
      'EU DCC test vector': 'invalid',
    });
    // Issuing the sheet is in the audit log with the operating-system user who ran the command.
    const db = openKioskDb(temp.dir, { readonly: true });
    const issued = db.prepare("SELECT actor FROM audit_log WHERE action = 'sample-data.demo-sheet'").all() as Array<{ actor: string }>;
    db.close();
    expect(issued.at(-1)).toEqual({ actor: `os:${os.userInfo().username}` });
  });
});
