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

/** A staff account of the role and a signed-in session: its bearer header for JSON and its cookie for pages. */
export async function staffSession(url: string, role: 'viewer' | 'officer' | 'admin' = 'viewer', username = `${role}-${randomUUID().slice(0, 6)}`): Promise<{ username: string; password: string; headers: Record<string, string>; cookie: string; token: string }> {
  const password = `pw-${randomUUID()}`;
  const made = await admin(url, 'POST', '/v1/admin/staff', { username, role, password });
  if (made.status !== 200) throw new Error(`could not create staff: ${JSON.stringify(made.body)}`);
  const response = await fetch(new URL('/v1/staff/sign-in', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const body = (await response.json()) as { token: string };
  if (response.status !== 200) throw new Error(`could not sign in: ${JSON.stringify(body)}`);
  return { username, password, token: body.token, headers: { authorization: `Bearer ${body.token}` }, cookie: `gk_staff=${body.token}` };
}

/** GET as signed-in staff, the JSON answer. */
export async function staffGet(url: string, path: string, headers: Record<string, string>): Promise<any> {
  const response = await fetch(new URL(path, url), { headers });
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return response.headers.get('content-type')?.includes('json') ? response.json() : response.text();
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

/** `now` is the kiosk's clock (a registry started with its own `now` needs kiosks on the same clock). */
export async function enrolTestKiosk(url: string, compoundId = `c-${randomUUID().slice(0, 8)}`, now?: () => number): Promise<TestKiosk> {
  const client = createRegistryClient({ url, now });
  const code = await enrolmentCode(url, compoundId, `Compound ${compoundId}`);
  const answer = EnrolAnswer.parse(await client.request('POST', '/v1/enrol', { code, kioskName: 'Gate 1' }, null));
  let seq = 0;
  let prev = GENESIS_HASH;
  const credentials = { kioskId: answer.kioskId, secret: answer.secret, compoundId: answer.compoundId };
  return {
    credentials,
    client,
    chain(n, make = () => ({}), atMs = () => (now ?? Date.now)()) {
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
