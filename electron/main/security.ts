// Hardening in one place (Electron security checklist): no navigation away, no new windows, no permissions but the camera.
import type { App, WebContents } from 'electron';
import { APP_ORIGIN } from './app-protocol.ts';

/** Only the kiosk's own page may be shown. */
export function isAppUrl(url: string): boolean {
  try {
    // Compared by parts: outside Electron a custom scheme's URL has an opaque origin.
    const { protocol, host } = new URL(url);
    return `${protocol}//${host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

/** The camera is the scanner's fallback; everything else (microphone, location, notifications...) is denied. */
export function isPermissionAllowed(permission: string, requestingUrl: string): boolean {
  return permission === 'media' && isAppUrl(requestingUrl);
}

/** Keys that would reload, open devtools or zoom the kiosk page; blocked in production. */
export function isBlockedKey(input: { key: string; control: boolean; meta: boolean; shift: boolean; alt: boolean }): boolean {
  const key = input.key.toLowerCase();
  const mod = input.control || input.meta;
  if (key === 'f5' || key === 'f11' || key === 'f12') return true;
  if (mod && (key === 'r' || key === 'w' || key === 'q' || key === '+' || key === '-' || key === '=' || key === '0')) return true;
  if (mod && input.shift && (key === 'i' || key === 'j' || key === 'c')) return true;
  return input.alt && key === 'f4';
}

export function hardenContents(contents: WebContents, production: boolean): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  if (production) {
    contents.on('before-input-event', (event, input) => {
      if (isBlockedKey(input)) event.preventDefault();
    });
  }
}

export function setupSecurity(app: App): void {
  const production = app.isPackaged;
  app.on('web-contents-created', (_event, contents) => {
    hardenContents(contents, production);
    contents.session.setPermissionRequestHandler((_wc, permission, callback, details) => callback(isPermissionAllowed(permission, details.requestingUrl)));
    contents.session.setPermissionCheckHandler((_wc, permission, origin) => isPermissionAllowed(permission, origin));
  });
}
