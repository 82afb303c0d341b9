// `gate-kiosk storage`: the owner's tools for the kiosk's database (issue 14): check it, start over deliberately when
// it was lost (audited; the registry is told at the next enrolment), make a new roster ID key when the old one is gone.
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultDataDir } from '../kiosk/app/paths.ts';
import { replaceIdKey } from '../kiosk/features/roster/id-key.ts';
import { checkAuditLog, recordAudit } from '../kiosk/platform/audit/audit-log.ts';
import { KEY_RECORD_FILE } from '../kiosk/platform/store/at-rest/key-record.ts';
import { runIntegrityCheck } from '../kiosk/platform/store/integrity-check.ts';
import { DATABASE_FILE, openKioskStore } from '../kiosk/platform/store/open-store.ts';
import { parseCommandArgs, UsageError } from './parse-args.ts';

const help = `Usage: gate-kiosk storage check|start-over|new-roster-key [--data DIR] [--reason TEXT]

  check            open the database, run the full integrity check and verify the audit log's chain
  start-over       the database was lost and cannot be restored: move whatever is left of it aside into
                   DATA/replaced-<time>/ (nothing is deleted), start an empty database, and audit why. Accounts,
                   roster and entries start empty; run the first-start setup again and enrol the kiosk again
                   (the registry is told that this kiosk's chain restarted). Needs --reason.
  new-roster-key   the roster ID key is lost: make a new one and clear the stored ID hashes (masked numbers stay);
                   residents must be imported again to be found by ID number. Needs --reason.
  --data DIR       the kiosk's data folder (default ./data)
  --reason TEXT    why, for the audit log (and the registry)
Stop the kiosk first: these commands work on its database directly.`;

const operator = () => `${os.userInfo().username}@${os.hostname()} (gate-kiosk storage)`;

function moveAside(dataDir: string, stamp: string): string[] {
  const names = [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`, KEY_RECORD_FILE, 'roster-id.key'];
  const present = names.filter((name) => existsSync(path.join(dataDir, name)));
  if (present.length === 0) return [];
  const aside = path.join(dataDir, `replaced-${stamp}`);
  mkdirSync(aside, { recursive: true, mode: 0o700 });
  for (const name of present) renameSync(path.join(dataDir, name), path.join(aside, name));
  return present.map((name) => path.join(aside, name));
}

export async function run(args: string[]): Promise<number> {
  try {
    const parsed = parseCommandArgs(args, { data: { type: 'string' }, reason: { type: 'string' } }, help);
    if (!parsed) return 0;
    const [action] = parsed.positionals;
    const dataDir = path.resolve(parsed.values.data ?? defaultDataDir);
    const reason = parsed.values.reason?.trim();
    if ((action === 'start-over' || action === 'new-roster-key') && (!reason || reason.length < 3)) throw new UsageError(`storage ${action} needs --reason "why" (it is audited).\n\n${help}`);
    const now = new Date();
    if (action === 'check') {
      const store = openKioskStore(dataDir);
      try {
        const integrity = await runIntegrityCheck(store.file, store.key);
        const chain = checkAuditLog(store.db);
        console.log(`database ${store.file}: ${integrity.ok ? 'ok' : `DAMAGED: ${integrity.messages.join('; ')}`}`);
        console.log(`audit log: ${chain.records} records, ${chain.problems.length === 0 ? 'chain intact' : `CHAIN BROKEN: ${chain.problems.map((p) => p.detail).join('; ')}`}`);
        console.log(`key: ${store.record.protection === 'key-file' ? `key file ${store.record.keyFile}` : 'sealed by the OS (Electron safeStorage)'}`);
        return integrity.ok && chain.problems.length === 0 ? 0 : 1;
      } finally {
        store.db.close();
      }
    }
    if (action === 'start-over') {
      const stamp = now.toISOString().replace(/[:.]/g, '-');
      const moved = moveAside(dataDir, stamp);
      const store = openKioskStore(dataDir, { startOver: true, now: () => now });
      try {
        store.db.transaction(() => {
          recordAudit(store.db, { actor: { name: operator(), role: null }, action: 'storage-start-over', subject: DATABASE_FILE, detail: { reason, movedAside: moved } }, now);
          store.db.prepare('INSERT INTO sync_chain_restarts (at, reason) VALUES (?, ?)').run(now.toISOString(), reason!);
        })();
      } finally {
        store.db.close();
      }
      console.log(`Started over with an empty database in ${dataDir} (audited).`);
      if (moved.length > 0) console.log(`What was left of the old one is in ${path.dirname(moved[0]!)} (nothing was deleted).`);
      console.log('Next: start the kiosk, run the first-start setup, and enrol it again with a new code from the district (gate-kiosk enrol); the registry is told that this kiosk started over.');
      return 0;
    }
    if (action === 'new-roster-key') {
      const store = openKioskStore(dataDir);
      try {
        const { cleared } = store.db.transaction(() => {
          const result = replaceIdKey(store.db, now);
          recordAudit(store.db, { actor: { name: operator(), role: null }, action: 'roster-key-replaced', subject: 'roster-id-key', detail: { reason, clearedIdHashes: result.cleared } }, now);
          return result;
        })();
        console.log(`A new roster ID key is in the database (audited); ${cleared} stored ID hashes were cleared. Import the residents' ID numbers again to find them by ID.`);
        return 0;
      } finally {
        store.db.close();
      }
    }
    throw new UsageError(help);
  } catch (error) {
    console.error(error instanceof UsageError ? error.message : `gate-kiosk storage: ${(error as Error).message}`);
    return error instanceof UsageError ? 2 : 1;
  }
}
