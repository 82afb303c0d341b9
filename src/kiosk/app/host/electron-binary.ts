// Finds the Electron binary without letting its lazy download hang the start: one attempt, one clear answer.
import { spawnSync } from 'node:child_process';
import { packageRoot } from '../paths.ts';

export type ElectronLookup = { found: true; path: string } | { found: false; why: string };

export function findElectronBinary(timeoutMs = 60_000): ElectronLookup {
  // Requiring 'electron' from plain Node returns the binary's path, downloading it first when missing.
  const result = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: packageRoot,
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  if (result.status === 0 && result.stdout) return { found: true, path: result.stdout.trim() };
  const lastLine = `${result.stderr ?? ''}`.trim().split('\n').find((line) => /Error|failed|Cannot find/i.test(line));
  if (result.error) return { found: false, why: `looking for it took too long (${result.error.message})` };
  return { found: false, why: lastLine ? `its binary could not be downloaded: ${lastLine.trim()}` : 'the electron package is not installed' };
}
