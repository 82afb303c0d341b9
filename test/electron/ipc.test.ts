// The IPC adapter and the preload bridge, wired to the real dispatcher, without the Electron binary.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

const exposed: Record<string, unknown> = {};
const fakeIpcRenderer = Object.assign(new EventEmitter(), { invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'answer' })) });
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: fakeIpcRenderer,
  BrowserWindow: class {},
  ipcMain: {},
  net: {},
  protocol: {},
}));

const { handleInvoke, INVOKE_CHANNEL, EVENT_CHANNEL } = await import('../../electron/main/ipc.ts');
const { createIpcBridge } = await import('../../electron/preload/ipc-bridge.ts');

describe('IPC adapter', () => {
  const core = { dispatch: vi.fn(async (method: string) => ({ ok: true as const, value: method })) };

  it('dispatches calls from the kiosk page', async () => {
    expect(await handleInvoke(core, { senderFrame: { url: 'app://kiosk/index.html' } } as never, 'system.info', {})).toEqual({ ok: true, value: 'system.info' });
  });

  it.each(['https://evil.example/', 'file:///tmp/x.html', ''])('refuses a caller at %j', async (url) => {
    const before = core.dispatch.mock.calls.length;
    expect(await handleInvoke(core, { senderFrame: { url } } as never, 'system.info', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(core.dispatch.mock.calls.length).toBe(before);
  });

  it('refuses a method name that is not a string', async () => {
    expect(await handleInvoke(core, { senderFrame: { url: 'app://kiosk/' } } as never, 42, {})).toMatchObject({ ok: false, error: { code: 'bad-input' } });
  });

  it('uses one prefixed channel for calls and one for events', () => {
    expect([INVOKE_CHANNEL, EVENT_CHANNEL]).toEqual(['gate:invoke', 'gate:event']);
  });
});

describe('preload', () => {
  it('exposes only invoke, subscribe and the session token setter, as gateBridge', async () => {
    await import('../../electron/preload/preload.ts');
    expect(Object.keys(exposed)).toEqual(['gateBridge']);
    expect(Object.keys(exposed.gateBridge as object).sort()).toEqual(['invoke', 'setSessionToken', 'subscribe']);
  });

  it('invokes over the prefixed channel and delivers only the subscribed event, until unsubscribed', async () => {
    const bridge = createIpcBridge(fakeIpcRenderer as never);
    expect(await bridge.invoke('system.info', {})).toEqual({ ok: true, value: 'answer' });
    expect(fakeIpcRenderer.invoke).toHaveBeenLastCalledWith('gate:invoke', 'system.info', {}, null);
    bridge.setSessionToken('t0ken');
    await bridge.invoke('log.query', { filter: { from: '2026-03-01' } });
    expect(fakeIpcRenderer.invoke).toHaveBeenLastCalledWith('gate:invoke', 'log.query', { filter: { from: '2026-03-01' } }, 't0ken');
    const seen: unknown[] = [];
    const stop = bridge.subscribe('thermometer.reading', (reading) => seen.push(reading));
    fakeIpcRenderer.emit('gate:event', {}, 'thermometer.reading', { bodyC: 36.5, at: 't' });
    fakeIpcRenderer.emit('gate:event', {}, 'devices.status', { kind: 'scanner' });
    stop();
    fakeIpcRenderer.emit('gate:event', {}, 'thermometer.reading', { bodyC: 37, at: 't2' });
    expect(seen).toEqual([{ bodyC: 36.5, at: 't' }]);
  });
});
