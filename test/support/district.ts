// A district for watch-list and alert tests: a registry over real HTTP, watch lists published as files, and kiosk
// cores enrolled with it, each with a roster entered the way a manager does (so the core sees the ID numbers).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAccounts } from '../../src/kiosk/features/accounts/accounts.ts';
import { createCore, type Core, type CoreOptions } from '../../src/kiosk/app/create-core.ts';
import type { Caller } from '../../src/kiosk/platform/calls/caller.ts';
import { enrolKiosk } from '../../src/kiosk/features/sync/enrol.ts';
import { admin, enrolmentCode } from './registry-harness.ts';
import { waitFor } from './sync-fixtures.ts';
import { tempDir } from './temp-dir.ts';

export interface WatchRowInput {
  id?: string;
  household?: string;
  compound?: string;
  kind: string;
  from?: string;
  until?: string;
  note?: string;
}

export function watchCsv(rows: WatchRowInput[]): string {
  const line = (r: WatchRowInput) => [r.id ?? '', r.household ?? '', r.compound ?? '', r.kind, r.from ?? '', r.until ?? '', r.note ?? ''].join(',');
  return `id_number,household,compound,kind,from,until,note\n${rows.map(line).join('\n')}\n`;
}

/** Publishes through the administrator's API (what `gate-kiosk registry publish watch-list` calls). */
export async function publishWatchList(registryUrl: string, rows: WatchRowInput[]): Promise<{ version: number }> {
  const answer = await admin(registryUrl, 'POST', '/v1/admin/watch-lists', { fileName: 'list.csv', contentBase64: Buffer.from(watchCsv(rows)).toString('base64'), publishedBy: 'test' });
  if (answer.status !== 200) throw new Error(`publish: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export interface DistrictKiosk {
  core: Core;
  dataDir: string;
  manager: Caller;
  call<T = any>(method: string, input?: unknown, caller?: Caller): Promise<T>;
  /** Adds a household (once) and a resident with an ID number, as a manager does; returns the resident id. */
  resident(name: string, household: string, idNumber: string): Promise<string>;
  /** Records a person at the gate with a hand-recorded green code (no smartphone), as the screen would. */
  record(residentId: string, direction: 'in' | 'out', extra?: Record<string, unknown>): Promise<any>;
  close(): Promise<void>;
}

export async function enrolledKiosk(
  registryUrl: string,
  compoundId: string,
  options: { config?: Record<string, unknown>; core?: Partial<CoreOptions>; enrolUrl?: string } = {},
): Promise<DistrictKiosk> {
  const temp = tempDir(`gate-${compoundId}-`);
  writeFileSync(join(temp.dir, 'config.json'), JSON.stringify({ registry: { url: registryUrl, documentsEverySeconds: 1 }, ...options.config }));
  const core = await createCore({ dataDir: temp.dir, log: (m, e) => process.env.DEBUG_DISTRICT && console.error(m, e ?? ''), ...options.core });
  await enrolKiosk({ db: core.db, registryUrl: options.enrolUrl ?? registryUrl, code: await enrolmentCode(registryUrl, compoundId, `Compound ${compoundId}`), kioskName: 'Gate 1', allowInsecureHttp: true });
  const accounts = createAccounts({ db: core.db });
  await accounts.createUser({ username: 'zhang', displayName: '张经理', role: 'manager', password: 'manager-secret-1' }, { name: 'setup', role: 'admin' });
  const { token } = await accounts.signIn({ username: 'zhang', password: 'manager-secret-1' }, { source: '127.0.0.1', local: true, via: 'http-loopback' });
  const manager = (): Caller => ({ via: 'http-loopback', sessionToken: token });
  const call = async (method: string, input: unknown = {}, caller?: Caller) => {
    const result = await core.dispatch(method, input, caller);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value as any;
  };
  const households = new Map<string, string>();
  return {
    core,
    dataDir: temp.dir,
    get manager() {
      return manager();
    },
    call,
    async resident(name, household, idNumber) {
      let householdId = households.get(household);
      if (!householdId) {
        const [building, unit, room] = household.split('-');
        householdId = (await call('roster.households.save', { building, unit, room }, manager())).id as string;
        households.set(household, householdId);
      }
      return (await call('roster.residents.save', { householdId, name, idNumber }, manager())).id as string;
    },
    record: (residentId, direction, extra = {}) =>
      call('entries.record', {
        direction,
        identity: {},
        code: { kind: 'manual', colour: 'green', why: 'no smartphone' },
        person: { kind: 'resident', residentId },
        temperature: { bodyC: 36.5, source: 'device' },
        maskWorn: true,
        ...extra,
      }),
    async close() {
      await core.close();
      temp.remove();
    },
  };
}

/** Waits until the kiosk holds the watch list's version. */
export function waitForWatchList(kiosk: DistrictKiosk, version: number): Promise<unknown> {
  return waitFor(`watch list v${version}`, async () => ((await kiosk.call('watch.status')).version === version ? true : null));
}
