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

export async function enrolKiosk(options: EnrolOptions): Promise<StoredCredentials> {
  const client = createRegistryClient({ url: options.registryUrl, certificateSha256: options.certificateSha256, now: options.now });
  const answer = EnrolAnswer.safeParse(await client.request('POST', '/v1/enrol', { code: options.code.trim(), kioskName: options.kioskName }, null));
  if (!answer.success) throw new RegistryError('bad-answer', 'the registry answered the enrolment with something unexpected; check the registry address');
  const credentials: StoredCredentials = {
    registryUrl: options.registryUrl,
    ...answer.data,
    enrolledAt: new Date((options.now ?? Date.now)()).toISOString(),
  };
  saveCredentials(options.db, credentials);
  return credentials;
}
