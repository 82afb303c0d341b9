// A real kiosk core on a temp data folder, with a manager and volunteers, for roster, policy and shift tests.
import { createAccounts } from '../../src/kiosk/features/accounts/accounts.ts';
import { createSessions } from '../../src/kiosk/features/accounts/sessions.ts';
import { createCore, type Core } from '../../src/kiosk/app/create-core.ts';
import type { Caller } from '../../src/kiosk/platform/calls/caller.ts';
import { tempDir } from './temp-dir.ts';

export interface TestCore {
  core: Core;
  dataDir: string;
  manager: Caller;
  /** Calls a method and returns its value, or throws the error message. */
  call<T = any>(method: string, input?: unknown, caller?: Caller): Promise<T>;
  /** Calls a method and returns its error. */
  fail(method: string, input?: unknown, caller?: Caller): Promise<{ code: string; message: string }>;
  setNow(iso: string): void;
  close(): Promise<void>;
}

export const MANAGER = { username: 'zhang', password: 'manager-secret-1', pin: '7390' };
export const VOLUNTEERS = [
  { username: 'li', displayName: '李志愿', pin: '3071' },
  { username: 'wang', displayName: '王志愿', pin: '5826' },
];

export async function startTestCore(options: { now?: string; withVolunteers?: boolean } = {}): Promise<TestCore> {
  const temp = tempDir('gate-rules-');
  let now = new Date(options.now ?? '2026-11-30T02:00:00Z');
  const core = await createCore({ dataDir: temp.dir, now: () => now, log: () => {} });
  const accounts = createAccounts({ db: core.db, now: () => now });
  const admin = { name: 'setup', role: 'admin' as const };
  await accounts.createUser({ username: MANAGER.username, displayName: '张经理', role: 'manager', password: MANAGER.password, pin: MANAGER.pin }, admin);
  if (options.withVolunteers !== false) {
    for (const v of VOLUNTEERS) await accounts.createUser({ username: v.username, displayName: v.displayName, role: 'volunteer', pin: v.pin }, admin);
  }
  const found = accounts.findByName(MANAGER.username)!;
  const managerUser = { id: found.id, username: found.username, displayName: found.displayName, role: found.role };
  const sessions = createSessions(core.db, () => now);
  const call = async (method: string, input: unknown = {}, caller?: Caller) => {
    const result = await core.dispatch(method, input, caller);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value as any;
  };
  const fail = async (method: string, input: unknown = {}, caller?: Caller) => {
    const result = await core.dispatch(method, input, caller);
    if (result.ok) throw new Error(`${method} succeeded but should have failed`);
    return result.error;
  };
  return {
    core,
    dataDir: temp.dir,
    // A fresh session each time: tests move the clock by days, past any session's end.
    get manager(): Caller {
      // Opened straight in the sessions table (what a password sign-in does after checking it), so it stays sync.
      const { token } = sessions.create(managerUser, 'http-loopback');
      return { via: 'http-loopback', sessionToken: token };
    },
    call,
    fail,
    setNow: (iso) => (now = new Date(iso)),
    async close() {
      await core.close();
      temp.remove();
    },
  };
}
