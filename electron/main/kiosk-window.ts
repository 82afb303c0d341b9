// The kiosk window: full screen, frameless, no menu, awake, recreated if its renderer dies, closed only on purpose.
import { BrowserWindow, Menu, powerSaveBlocker, type App, type BrowserWindowConstructorOptions } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scan } from '../../src/common/contract/index.ts';
import type { WedgeOptions } from '../../src/common/keyboard-wedge.ts';
import type { Core } from '../../src/kiosk/app/create-core.ts';
import { APP_ORIGIN } from './app-protocol.ts';
import { createWedgeInput } from './wedge-input.ts';

/** The window's settings, kept pure so the security checklist is tested without Electron. */
export function kioskWindowOptions(preload: string, production: boolean): BrowserWindowConstructorOptions {
  return {
    kiosk: production,
    fullscreen: production,
    frame: !production,
    autoHideMenuBar: true,
    backgroundColor: '#f6f7f9',
    webPreferences: {
      preload,
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: !production,
    },
  };
}

let quitAuthorised = false;
/** The only way out in production: a manager's authorised exit. */
export function authoriseQuit(app: App): void {
  quitAuthorised = true;
  app.quit();
}

export function setupKioskWindow(app: App, core: Core, wedge: WedgeOptions | null): void {
  const production = app.isPackaged;
  const preload = path.join(path.dirname(fileURLToPath(import.meta.url)), 'preload.cjs');
  Menu.setApplicationMenu(null);
  powerSaveBlocker.start('prevent-display-sleep');

  const open = () => {
    const window = new BrowserWindow(kioskWindowOptions(preload, production));
    void window.loadURL(`${APP_ORIGIN}/index.html`);
    if (wedge) {
      // Scans become the same event a HID-POS scanner gives, so the page handles one kind of scan.
      const input = createWedgeInput(wedge, (text) => {
        const scan: Scan = { text, source: 'keyboard-wedge', at: new Date().toISOString() };
        core.bus.publish('scanner.scan', scan);
      });
      window.webContents.on('before-input-event', (_event, key) => input.onInput(key));
      window.on('closed', input.stop);
    }
    window.on('close', (event) => {
      if (production && !quitAuthorised) event.preventDefault();
    });
    // A crashed or killed page must not leave the gate with a blank screen.
    window.webContents.on('render-process-gone', () => {
      window.destroy();
      open();
    });
  };
  open();
}
