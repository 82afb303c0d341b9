// A real core on a temp data folder, set up with an admin, a manager and a volunteer, for the console's tests.
import { createCore, type Core } from '../../src/kiosk/app/create-core.ts';
import type { Caller } from '../../src/kiosk/platform/calls/caller.ts';
import { tempDir } from './temp-dir.ts';

export interface ConsoleHarness {
  core: Core;
  dataDir: string;
  call<T = unknown>(method: string, input: unknown, caller?: Caller): Promise<T>;
  result(method: string, input: unknown, caller?: Caller): Promise<{ ok: boolean; error?: { code: string; message: string }; value?: unknown }>;
  signIn(username: string, secret: { password?: string; pin?: string }, via?: Caller['via']): Promise<Caller>;
  close(): Promise<void>;
}

export async function startConsoleCore(options: { now?: () => Date; dataDir?: string; setup?: boolean } = {}): Promise<ConsoleHarness> {
  const temp = options.dataDir ? null : tempDir('gate-console-');
  const dataDir = options.dataDir ?? temp!.dir;
  const core = await createCore({ dataDir, now: options.now, log: () => {} });
  const result = (method: string, input: unknown, caller?: Caller) => core.dispatch(method, input, caller) as never;
  const call = async <T,>(method: string, input: unknown, caller?: Caller): Promise<T> => {
    const r = await core.dispatch(method, input, caller);
    if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
    return r.value as T;
  };
  const signIn = async (username: string, secret: { password?: string; pin?: string }, via: Caller['via'] = 'http-loopback'): Promise<Caller> => {
    const session = await call<{ token: string }>('accounts.signIn', { username, ...secret }, { via });
    return { via, sessionToken: session.token };
  };
  if (options.setup !== false) {
    await call('setup.complete', { compoundName: '幸福里', compoundCode: 'XFL-01', manager: { username: 'boss', displayName: '主任', password: 'admin-pass-1' }, registryUrl: '' });
    const admin = await signIn('boss', { password: 'admin-pass-1' });
    await call('accounts.create', { username: 'wang', displayName: '王经理', role: 'manager', password: 'manager-pass' }, admin);
    await call('accounts.create', { username: 'li', displayName: '李志愿', role: 'volunteer', pin: '2468', password: 'volunteer-pass' }, admin);
  }
  return {
    core,
    dataDir,
    call,
    result,
    signIn,
    async close() {
      await core.close();
      temp?.remove();
    },
  };
}
