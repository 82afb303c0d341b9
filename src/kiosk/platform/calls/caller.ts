// Who is calling: the kiosk's own screen, or a browser elsewhere (which must sign in).
import type { User } from '../../../common/contract/console.ts';

export interface Caller {
  via: 'ipc' | 'http-loopback' | 'http-lan';
  sessionToken?: string;
  /** Over HTTP: whether the request came from this PC (127.0.0.1 / ::1) or from elsewhere on the network. */
  peer?: 'loopback' | 'remote';
  /** Set by the dispatcher, never by a host: the signed-in account, or the manager whose credentials came with the call. */
  user?: User;
}

export const kioskScreen: Caller = { via: 'ipc' };
