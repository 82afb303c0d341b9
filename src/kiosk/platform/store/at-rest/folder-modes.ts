// Only the kiosk's user may read the data folder: the folder 0700, everything in it without group or other bits
// (database, WAL, SHM, config, trust lists, TLS key, reports). Files are only ever narrowed, never made writable:
// a database someone made read-only is refused at start, not quietly repaired.
import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Files the kiosk creates from now on: no group or other bits (the process's umask, set once at start). */
export function restrictNewFiles(): void {
  try {
    process.umask(0o077);
  } catch {
    // Worker threads cannot change the umask; the explicit chmod below still narrows what exists.
  }
}

/** Narrows the folder and everything below it; returns the paths whose modes were changed. */
export function narrowFolder(dataDir: string): string[] {
  const changed: string[] = [];
  const narrow = (target: string, wanted: (mode: number) => number) => {
    const stat = lstatSync(target);
    if (stat.isSymbolicLink()) return;
    const mode = stat.mode & 0o7777;
    const next = wanted(mode);
    if (next !== mode) {
      chmodSync(target, next);
      changed.push(target);
    }
    if (stat.isDirectory()) for (const name of readdirSync(target)) narrow(path.join(target, name), (m) => m & ~0o077);
  };
  narrow(dataDir, () => 0o700);
  return changed;
}
