// The Electron shell's security checklist, tested without the Electron binary: pure settings and handlers.
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ app: {}, BrowserWindow: class {}, Menu: {}, powerSaveBlocker: {}, ipcMain: {}, net: {}, protocol: {} }));

const { kioskWindowOptions } = await import('../../electron/main/kiosk-window.ts');
const { hardenContents, isAppUrl, isBlockedKey, isPermissionAllowed } = await import('../../electron/main/security.ts');
const { resolveAppFile } = await import('../../electron/main/app-protocol.ts');
const { dataDirFromArgs } = await import('../../electron/main/data-dir.ts');

describe('kiosk window settings', () => {
  it.each([true, false])('isolate the page from Node (production: %s)', (production) => {
    const prefs = kioskWindowOptions('/app/preload.cjs', production).webPreferences!;
    expect(prefs).toMatchObject({ contextIsolation: true, nodeIntegration: false, sandbox: true, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false, preload: '/app/preload.cjs' });
  });

  it('are a frameless full-screen kiosk without devtools in production', () => {
    expect(kioskWindowOptions('/p', true)).toMatchObject({ kiosk: true, fullscreen: true, frame: false, webPreferences: { devTools: false } });
    expect(kioskWindowOptions('/p', false)).toMatchObject({ kiosk: false, frame: true, webPreferences: { devTools: true } });
  });
});

describe('navigation and permissions', () => {
  it.each([
    ['app://kiosk/index.html', true],
    ['app://kiosk/assets/x.js', true],
    ['app://other/index.html', false],
    ['https://example.com/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('%s is the app: %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });

  it('never lets the page navigate away, open windows or attach webviews', () => {
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    hardenContents(contents as never, true);
    const navigate = (url: string) => {
      const event = { preventDefault: vi.fn() };
      contents.emit('will-navigate', event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate('app://kiosk/index.html')).toBe(false);
    const redirect = { preventDefault: vi.fn() };
    contents.emit('will-redirect', redirect, 'http://127.0.0.1:1/');
    expect(redirect.preventDefault).toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    const openHandler = contents.setWindowOpenHandler.mock.calls[0]![0] as () => unknown;
    expect(openHandler()).toEqual({ action: 'deny' });
  });

  it('blocks reload, devtools, zoom and close keys in production', () => {
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    hardenContents(contents as never, true);
    const event = { preventDefault: vi.fn() };
    contents.emit('before-input-event', event, { key: 'r', control: true, meta: false, shift: false, alt: false });
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it.each([
    [{ key: 'F5' }, true],
    [{ key: 'r', control: true }, true],
    [{ key: 'I', control: true, shift: true }, true],
    [{ key: '+', control: true }, true],
    [{ key: 'F4', alt: true }, true],
    [{ key: '1' }, false],
    [{ key: 'Enter' }, false],
    [{ key: 'a', shift: true }, false],
  ])('key %o blocked: %s', (key, blocked) => {
    expect(isBlockedKey({ control: false, meta: false, shift: false, alt: false, ...key })).toBe(blocked);
  });

  it.each([
    ['media', 'app://kiosk/index.html', true],
    ['media', 'https://evil.example/', false],
    ['geolocation', 'app://kiosk/index.html', false],
    ['notifications', 'app://kiosk/index.html', false],
    ['clipboard-read', 'app://kiosk/index.html', false],
  ])('permission %s from %s allowed: %s', (permission, url, allowed) => {
    expect(isPermissionAllowed(permission, url)).toBe(allowed);
  });
});

describe('app:// scheme', () => {
  const root = '/opt/kiosk/dist/renderer';
  it.each([
    ['app://kiosk/', path.join(root, 'index.html')],
    ['app://kiosk/assets/index.js', path.join(root, 'assets/index.js')],
    ['app://kiosk/../../etc/passwd', path.join(root, 'etc/passwd')],
    ['app://kiosk/%2e%2e/%2e%2e/etc/passwd', path.join(root, 'etc/passwd')],
    ['app://kiosk/..%2f..%2fetc%2fpasswd', null],
    ['app://elsewhere/index.html', null],
    ['app://kiosk/%E0%A4%A', null],
    ['app://kiosk/%00', null],
  ])('%s maps to %s', (url, file) => {
    expect(resolveAppFile(url, root)).toBe(file);
  });
});

describe('data folder', () => {
  it('comes from --data= or the user data folder', () => {
    expect(dataDirFromArgs(['electron', 'main.js', '--data=/srv/kiosk'], '/home/u/.config/Gate Kiosk')).toBe('/srv/kiosk');
    expect(dataDirFromArgs(['electron', 'main.js'], '/home/u/.config/Gate Kiosk')).toBe('/home/u/.config/Gate Kiosk/data');
  });
});
