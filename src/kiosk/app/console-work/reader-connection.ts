// The console's own connection to the encrypted database: read-only, beside the gate's writer (WAL lets both run),
// with a page cache of its own sized for a busy day's covering index (100,000 entries fill about 9 MB of it: with
// the gate's 8 MiB the day's statistics re-read and re-decrypted every page on each run, 5x slower).
import { applyKey, openFile, type Db } from '../../platform/store/at-rest/cipher.ts';

export const CONSOLE_CACHE_KIB = 16_384;

export function openConsoleReader(file: string, key: Buffer): Db {
  const db = openFile(file, { readonly: true, fileMustExist: true });
  try {
    applyKey(db, key);
    db.pragma('busy_timeout = 5000');
    // Its own page cache: a 90-day search or an export does not evict the gate's hot pages.
    db.pragma(`cache_size = -${CONSOLE_CACHE_KIB}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
