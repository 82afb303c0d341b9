// The preload's bridge, built against the same GateBridge interface as the HTTP client.
import type { IpcRenderer } from 'electron';
// From bridge.ts, not the contract index: the sandboxed preload must not pull zod in.
import { IPC_PREFIX, type GateBridge } from '../../src/common/contract/bridge.ts';
import type { Result } from '../../src/common/contract/errors.ts';
import type { EventName } from '../../src/common/contract/events.ts';

type IpcLike = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

export function createIpcBridge(ipc: IpcLike): GateBridge {
  let token: string | null = null;
  return {
    invoke: (method, input) => ipc.invoke(`${IPC_PREFIX}invoke`, method, input, token) as Promise<Result<never>>,
    setSessionToken(next) {
      token = next;
    },
    subscribe(event, listener) {
      const onEvent = (_: unknown, name: EventName, payload: unknown) => {
        if (name === event) (listener as (p: unknown) => void)(payload);
      };
      ipc.on(`${IPC_PREFIX}event`, onEvent);
      return () => {
        ipc.removeListener(`${IPC_PREFIX}event`, onEvent);
      };
    },
  };
}
