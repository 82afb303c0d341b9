// The IPC adapter: one channel for calls, one for events, and only the kiosk page may use them.
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_PREFIX, type Result } from '../../src/common/contract/index.ts';
import type { Core } from '../../src/kiosk/app/create-core.ts';
import { isAppUrl } from './security.ts';

export const INVOKE_CHANNEL = `${IPC_PREFIX}invoke`;
export const EVENT_CHANNEL = `${IPC_PREFIX}event`;

type Sender = Pick<IpcMainInvokeEvent, 'senderFrame'>;

/** Answers one invoke, refusing callers that are not the kiosk page (a frame from elsewhere must not reach the core). */
export async function handleInvoke(core: Pick<Core, 'dispatch'>, event: Sender, method: unknown, input: unknown, sessionToken?: unknown): Promise<Result<unknown>> {
  const url = event.senderFrame?.url ?? '';
  if (!isAppUrl(url)) return { ok: false, error: { code: 'forbidden', message: 'Only the kiosk page may call the kiosk.' } };
  if (typeof method !== 'string') return { ok: false, error: { code: 'bad-input', message: 'The method name must be a string.' } };
  return core.dispatch(method, input, { via: 'ipc', ...(typeof sessionToken === 'string' ? { sessionToken } : {}) });
}

export function setupIpc(core: Core): void {
  ipcMain.handle(INVOKE_CHANNEL, (event, method: unknown, input: unknown, sessionToken: unknown) => handleInvoke(core, event, method, input, sessionToken));
  core.bus.onAny((name, payload) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(EVENT_CHANNEL, name, payload);
  });
}
