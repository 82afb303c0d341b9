// A pinned JSON file re-read when it changes on disk, so a refreshed list takes effect without a restart.
import { readFile, stat } from 'node:fs/promises';
import type { Loaded } from './trust-sources.ts';

export function watchedFile<T>(path: string | undefined, what: string, parse: (json: string) => T): () => Promise<Loaded<T>> {
  let cache: { stamp: string; loaded: Loaded<T> } | undefined;
  return async () => {
    if (!path) return { ok: false, detail: `no ${what} configured` };
    try {
      const info = await stat(path);
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
