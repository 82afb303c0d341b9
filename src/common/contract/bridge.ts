// The one interface the renderer talks to; both transports (Electron IPC and HTTP) satisfy it.
import type { Result } from './errors.ts';
import type { EventName, EventPayload } from './events.ts';
import type { MethodInput, MethodName, MethodOutput } from './methods.ts';

export interface GateBridge {
  invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** After accounts.signIn (null after sign-out): every later call and the event stream carry this session. */
  setSessionToken(token: string | null): void;
}

/** The single prefix for every Electron IPC channel. */
export const IPC_PREFIX = 'gate:';
