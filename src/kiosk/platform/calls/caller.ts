// Who is calling: the kiosk's own screen, or a browser elsewhere (which must sign in).
import type { User } from '../../../common/contract/console.ts';

export interface Caller {
  via: 'ipc' | 'http-loopback' | 'http-lan';
  sessionToken?: string;
  /** Over HTTP: whether the request came from this PC (127.0.0.1 / ::1) or from elsewhere on the network. */
  peer?: 'loopback' | 'remote';
  /** Over HTTP: the address the request came from ('loopback' for this PC), so failed sign-ins slow down that source only. */
  source?: string;
  /** Set by the dispatcher, never by a host: the signed-in account, or the manager whose credentials came with the call. */
  user?: User;
}

export const kioskScreen: Caller = { via: 'ipc' };

/** Where a sign-in attempt comes from: what a slow-down after wrong attempts applies to, and whether it is this PC. */
export function attemptSourceOf(caller: Caller): { source: string; local: boolean; via: string } {
  if (caller.via === 'ipc') return { source: 'kiosk-screen', local: true, via: 'ipc' };
  const peer = caller.peer ?? (caller.via === 'http-loopback' ? 'loopback' : 'remote');
  return { source: caller.source ?? (peer === 'loopback' ? 'loopback' : 'network'), local: peer === 'loopback', via: caller.via };
}
