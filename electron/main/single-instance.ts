import type { App } from 'electron';

/** One kiosk per machine: a second start focuses the first and exits. Returns false in the second instance. */
export function setupSingleInstance(app: App): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  return true;
}
