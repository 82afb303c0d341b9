// Enrolment at setup: a one-time code from the district becomes this kiosk's credentials, kept in its database, with
// the district's key pinned (every document sent down must carry its signature) and the compound's watch-list key.
// Over plain http:// an on-path proxy could read the secret and swap the key, so enrolment refuses it unless a test
// says otherwise.
import type Database from 'better-sqlite3';
import { saveCredentials, type StoredCredentials } from './kiosk-state.ts';
import { createRegistryClient, RegistryError } from './registry-client.ts';
import { PinnedEnrolAnswer } from '../../../common/wire/signed-documents.ts';

export interface EnrolOptions {
  db: Database.Database;
  registryUrl: string;
  certificateSha256?: string;
  code: string;
  kioskName: string;
  now?: () => number;
  /** Tests only: allow enrolling over plain http:// (loopback test registries). */
  allowInsecureHttp?: boolean;
}

/** The deliberate restart (gate-kiosk storage start-over) the registry has not been told about yet. */
function pendingRestart(db: Database.Database): { id: number; at: string; reason: string } | null {
  return db.prepare<[], { id: number; at: string; reason: string }>('SELECT id, at, reason FROM sync_chain_restarts WHERE reported_at IS NULL ORDER BY id DESC LIMIT 1').get() ?? null;
}

export async function enrolKiosk(options: EnrolOptions): Promise<StoredCredentials> {
  if (new URL(options.registryUrl).protocol === 'http:' && !options.allowInsecureHttp) {
    throw new RegistryError(
      'insecure',
      `refusing to enrol over plain http:// (${options.registryUrl}): anyone on the way could read this kiosk's secret and replace the district's key. Use the registry's https:// address with --fingerprint (the registry prints it at start).`,
    );
  }
  const client = createRegistryClient({ url: options.registryUrl, certificateSha256: options.certificateSha256, now: options.now });
  const restart = pendingRestart(options.db);
  const request = { code: options.code.trim(), kioskName: options.kioskName, ...(restart ? { chainRestart: { at: restart.at, reason: restart.reason } } : {}) };
  const answer = PinnedEnrolAnswer.safeParse(await client.request('POST', '/v1/enrol', request, null));
  if (!answer.success) throw new RegistryError('bad-answer', 'the registry answered the enrolment without a district key (or with something unexpected); check the registry address and its version');
  const credentials: StoredCredentials = {
    registryUrl: options.registryUrl,
    ...answer.data,
    enrolledAt: new Date((options.now ?? Date.now)()).toISOString(),
    certificateSha256: options.certificateSha256 ?? null,
  };
  options.db.transaction(() => {
    saveCredentials(options.db, credentials);
    if (restart) options.db.prepare('UPDATE sync_chain_restarts SET reported_at = ? WHERE reported_at IS NULL').run(credentials.enrolledAt);
  })();
  return credentials;
}
