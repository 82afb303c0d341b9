// The Electron shell, as a table of contents: each setup step is a small module. The core runs in this process.
// First: the kiosk's V8 settings (in the one bundle, main.js, this runs before the rest of the kiosk).
import '../../src/kiosk/app/v8-settings.ts';
import { app, safeStorage } from 'electron';
import { createCore } from '../../src/kiosk/app/create-core.ts';
import { kioskCoreOptions } from './core-options.ts';
import { registerAppProtocol, registerAppScheme } from './app-protocol.ts';
import { setupIpc } from './ipc.ts';
import { printKioskPage } from './print-pdf.ts';
import { setupKioskWindow } from './kiosk-window.ts';
import { setupSecurity } from './security.ts';
import { setupSingleInstance } from './single-instance.ts';

registerAppScheme();
if (setupSingleInstance(app)) {
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(async () => {
    setupSecurity(app);
    registerAppProtocol();
    // safeStorage works only once the app is ready: the core is created here, after whenReady.
    const core = await createCore(kioskCoreOptions(process.argv, app.getPath('userData'), safeStorage, printKioskPage));
    setupIpc(core);
    setupKioskWindow(app, core, core.scanner.mode === 'wedge' ? core.scanner.wedge : null);
    app.on('before-quit', () => void core.close());
  });
}
