// A registry on 127.0.0.1 for tests, with helpers to enrol kiosks and send signed requests.
import { randomUUID } from 'node:crypto';
import type { Database } from '../../src/registry/sql.ts';
import { startRegistry, type RegistryOptions, type RunningRegistry } from '../../src/registry/server.ts';
import { chainEntry } from '../../src/common/wire/chain.ts';
import { nodeDigest } from '../../src/kiosk/platform/node-digest.ts';
import { createRegistryClient, type KioskCredentials, type RegistryClient } from '../../src/kiosk/features/sync/registry-client.ts';
import { EnrolAnswer, GENESIS_HASH, type EntryFields, type WireEntry } from '../../src/common/wire/schemas.ts';
import { entryFields } from './sync-fixtures.ts';

export const ADMIN_TOKEN = 'test-admin-token';

export async function testRegistry(db: Database, options: Partial<RegistryOptions> = {}): Promise<RunningRegistry> {
  return startRegistry({ db, adminToken: ADMIN_TOKEN, district: 'Xuhui', ...options });
}

export async function admin(url: string, method: string, path: string, body: unknown, token = ADMIN_TOKEN): Promise<{ status: number; body: any }> {
  const response = await fetch(new URL(path, url), { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

export async function enrolmentCode(url: string, compoundId: string, compoundName = compoundId): Promise<string> {
  const answer = await admin(url, 'POST', '/v1/admin/enrolment-codes', { compoundId, compoundName });
  if (answer.status !== 200) throw new Error(`could not create a code: ${JSON.stringify(answer.body)}`);
  return answer.body.code as string;
}

export interface TestKiosk {
  credentials: KioskCredentials & { compoundId: string };
  client: RegistryClient;
  /** Chains fresh entries after the kiosk's previous ones. */
  chain(n: number, make?: (i: number) => Partial<EntryFields>, atMs?: (i: number) => number): WireEntry[];
  send(entries: WireEntry[]): Promise<any>;
}

export async function enrolTestKiosk(url: string, compoundId = `c-${randomUUID().slice(0, 8)}`): Promise<TestKiosk> {
  const client = createRegistryClient({ url });
  const code = await enrolmentCode(url, compoundId, `Compound ${compoundId}`);
  const answer = EnrolAnswer.parse(await client.request('POST', '/v1/enrol', { code, kioskName: 'Gate 1' }, null));
  let seq = 0;
  let prev = GENESIS_HASH;
  const credentials = { kioskId: answer.kioskId, secret: answer.secret, compoundId: answer.compoundId };
  return {
    credentials,
    client,
    chain(n, make = () => ({}), atMs = () => Date.now()) {
      const out: WireEntry[] = [];
      for (let i = 0; i < n; i++) {
        const e = chainEntry(nodeDigest, entryFields(make(i), atMs(i)), ++seq, prev);
        prev = e.hash;
        out.push(e);
      }
      return out;
    },
    send: (entries) => client.request('POST', '/v1/entries', { entries }, credentials),
  };
}
