// Enrolment at setup: a one-time code from the district becomes this kiosk's credentials, kept in its database.
import type Database from 'better-sqlite3';
import { saveCredentials, type StoredCredentials } from './kiosk-state.ts';
import { createRegistryClient, RegistryError } from './registry-client.ts';
import { EnrolAnswer } from '../../../common/wire/schemas.ts';

export interface EnrolOptions {
  db: Database.Database;
  registryUrl: string;
  certificateSha256?: string;
  code: string;
  kioskName: string;
  now?: () => number;
}

/** The deliberate restart (gate-kiosk storage start-over) the registry has not been told about yet. */
function pendingRestart(db: Database.Database): { id: number; at: string; reason: string } | null {
  return db.prepare<[], { id: number; at: string; reason: string }>('SELECT id, at, reason FROM sync_chain_restarts WHERE reported_at IS NULL ORDER BY id DESC LIMIT 1').get() ?? null;
}

export async function enrolKiosk(options: EnrolOptions): Promise<StoredCredentials> {
  const client = createRegistryClient({ url: options.registryUrl, certificateSha256: options.certificateSha256, now: options.now });
  const restart = pendingRestart(options.db);
  const request = { code: options.code.trim(), kioskName: options.kioskName, ...(restart ? { chainRestart: { at: restart.at, reason: restart.reason } } : {}) };
  const answer = EnrolAnswer.safeParse(await client.request('POST', '/v1/enrol', request, null));
  if (!answer.success) throw new RegistryError('bad-answer', 'the registry answered the enrolment with something unexpected; check the registry address');
  const credentials: StoredCredentials = {
    registryUrl: options.registryUrl,
    ...answer.data,
    enrolledAt: new Date((options.now ?? Date.now)()).toISOString(),
  };
  options.db.transaction(() => {
    saveCredentials(options.db, credentials);
    if (restart) options.db.prepare('UPDATE sync_chain_restarts SET reported_at = ? WHERE reported_at IS NULL').run(credentials.enrolledAt);
  })();
  return credentials;
}
