// Entries, kiosk databases and enrolled kiosks for sync tests.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Db } from '../../src/kiosk/platform/store/open-store.ts';
import type { EntryFields } from '../../src/common/wire/schemas.ts';

export function entryFields(overrides: Partial<EntryFields> = {}, atMs = Date.now()): EntryFields {
  const at = new Date(atMs).toISOString();
  return {
    id: randomUUID(),
    at,
    day: at.slice(0, 10),
    direction: 'in',
    lane: 'standard',
    identity: { maskedId: '3101**********1234' },
    healthCode: { status: 'green', source: 'offline-signed', reason: null },
    temperatureC: 36.6,
    temperatureSource: 'device',
    fever: false,
    maskWorn: true,
    decision: 'pass',
    reasons: [],
    volunteer: 'Li Wei',
    ...overrides,
  };
}

export interface KioskDb {
  db: Db;
  dir: string;
  cleanup(): void;
}

/** A real kiosk database (the lead's store with all migrations) in a temp folder. */
export function kioskDb(): KioskDb {
  const dir = mkdtempSync(join(tmpdir(), 'gate-kiosk-sync-'));
  const db = openStore(dir);
  return {
    db,
    dir,
    cleanup() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls until the condition holds: tests wait for states, never for fixed times. */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 90_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
