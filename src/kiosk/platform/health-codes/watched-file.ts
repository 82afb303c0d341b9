// A pinned JSON file re-read when it changes on disk, so a refreshed list takes effect without a restart.
import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Loaded } from './trust-sources.ts';

export function watchedFile<T>(path: string | undefined, what: string, parse: (json: string) => T): () => Promise<Loaded<T>> {
  let cache: { stamp: string; loaded: Loaded<T> } | undefined;
  return async () => {
    if (!path) return { ok: false, detail: `no ${what} configured` };
    try {
      // Looked at for every scan: a stat of a local file is a few microseconds, while the promise API's trip through
      // the thread pool cost the scan a wake-up of another thread (most of its p99 on a busy machine).
      const info = statSync(path);
      const stamp = `${info.mtimeMs}:${info.size}`;
      if (cache?.stamp !== stamp) {
        let loaded: Loaded<T>;
        try {
          loaded = { ok: true, value: parse(await readFile(path, 'utf8')) };
        } catch (error) {
          loaded = { ok: false, detail: `${what} ${path} is unreadable: ${(error as Error).message}` };
        }
        cache = { stamp, loaded };
      }
      return cache.loaded;
    } catch {
      return { ok: false, detail: `${what} ${path} is missing` };
    }
  };
}
