// The kiosk's half of the watch-list hash design (docs/watch-lists.md): whenever the core holds a plain ID number
// (roster import or edit, an ID typed at the gate, a visitor's card) it notes that number's watch token beside the
// roster's own hash of it; the number itself is never kept. People are then matched through their roster hash.
import type { Db } from '../../platform/store/open-store.ts';
import { nodeDigest } from '../../platform/node-digest.ts';
import { householdToken, idToken } from '../../../common/wire/watch-list.ts';
import type { IdHasher } from '../roster/id-key.ts';
import { readCredentials } from '../sync/kiosk-state.ts';

/** This compound's watch key, or null before enrolment. Read each time: re-enrolment may change it. */
export function watchKeyOf(db: Db): string | null {
  return readCredentials(db)?.watchKey ?? null;
}

/** Wraps the roster's ID hasher so every number it hashes also has its watch token noted, when a key is held. */
export function notingWatchTokens(db: Db, hashId: IdHasher): IdHasher {
  const note = db.prepare('INSERT INTO id_watch_tokens (id_hash, watch_token) VALUES (?, ?) ON CONFLICT (id_hash) DO UPDATE SET watch_token = excluded.watch_token');
  return (number) => {
    const hash = hashId(number);
    const key = watchKeyOf(db);
    if (key) note.run(hash, idToken(nodeDigest, key, number));
    return hash;
  };
}

export function householdTokenOf(db: Db, label: string): string | null {
  const key = watchKeyOf(db);
  return key ? householdToken(nodeDigest, key, label) : null;
}
