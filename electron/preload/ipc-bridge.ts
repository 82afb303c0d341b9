// The preload's bridge, built against the same GateBridge interface as the HTTP client.
import type { IpcRenderer } from 'electron';
import { IPC_PREFIX, type EventName, type GateBridge, type Result } from '../../src/contract/index.ts';

type IpcLike = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

export function createIpcBridge(ipc: IpcLike): GateBridge {
  return {
    invoke: (method, input) => ipc.invoke(`${IPC_PREFIX}invoke`, method, input) as Promise<Result<never>>,
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
