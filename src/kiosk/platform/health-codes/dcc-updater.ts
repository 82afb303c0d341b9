// Keeps the kiosk's EU DCC material current from a DCC source: the business rules (written to the pinned file when a
// newer version comes, confirmed either way) and the revocation list (chunked, resumable). Run on a timer by the core;
// a failure leaves what is kept untouched, and the freshness gates say when it has grown too old.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { RuleSetFile } from '../../../common/certlogic/rules.ts';
import { rulesConfirmationPath } from './dcc-material.ts';
import { downloadRevocationList, type DownloadReport } from './dcc-revocation-download.ts';

export interface DccUpdate {
  sourceUrl: string;
  rulesPath: string;
  revocationDir: string;
  now: () => Date;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export type Step<T> = { ok: true; value: T } | { ok: false; error: string };

export interface DccUpdateReport {
  rules: Step<{ outcome: 'updated' | 'confirmed'; version: number }>;
  revocation: Step<DownloadReport>;
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(`${file}.tmp`, text);
  await rename(`${file}.tmp`, file);
}

async function keptVersion(rulesPath: string): Promise<number | null> {
  try {
    return RuleSetFile.parse(JSON.parse(await readFile(rulesPath, 'utf8'))).version;
  } catch {
    return null;
  }
}

async function updateRules(options: DccUpdate): Promise<{ outcome: 'updated' | 'confirmed'; version: number }> {
  const url = `${options.sourceUrl.replace(/\/+$/, '')}/rules`;
  const response = await (options.fetch ?? fetch)(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) });
  if (response.status !== 200) throw new Error(`${url} answered HTTP ${response.status}`);
  const text = await response.text();
  const offered = RuleSetFile.parse(JSON.parse(text));
  const kept = await keptVersion(options.rulesPath);
  if (kept !== null && offered.version < kept) throw new Error(`the source offers rule set version ${offered.version}, older than the kept version ${kept}: refusing to go back`);
  const outcome = kept === offered.version ? 'confirmed' : 'updated';
  if (outcome === 'updated') await writeAtomically(options.rulesPath, text);
  await writeAtomically(rulesConfirmationPath(options.rulesPath), JSON.stringify({ version: offered.version, checkedAt: options.now().toISOString() }));
  return { outcome, version: offered.version };
}

const attempt = async <T>(run: () => Promise<T>): Promise<Step<T>> => {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
};

export async function updateDccMaterial(options: DccUpdate): Promise<DccUpdateReport> {
  const [rules, revocation] = await Promise.all([
    attempt(() => updateRules(options)),
    attempt(() => downloadRevocationList({ url: `${options.sourceUrl.replace(/\/+$/, '')}/revocation`, dir: options.revocationDir, now: options.now, ...(options.fetch ? { fetch: options.fetch } : {}), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) })),
  ]);
  return { rules, revocation };
}
