// The page loads from app://kiosk/, a privileged custom scheme, not file:// (Electron security checklist).
import { net, protocol } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { rendererDist } from '../../src/kiosk/app/paths.ts';

export const APP_ORIGIN = 'app://kiosk';

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Maps app://kiosk/<path> to a file inside the built renderer, refusing anything outside it. */
export function resolveAppFile(url: string, root = rendererDist): string | null {
  let host: string;
  let decoded: string;
  try {
    const parsed = new URL(url);
    host = parsed.host;
    // Escapes that are not UTF-8 (app://kiosk/%E0%A4%A) are a 404, not an exception in the main process.
    decoded = decodeURIComponent(parsed.pathname === '/' ? '/index.html' : parsed.pathname);
  } catch {
    return null;
  }
  if (host !== 'kiosk' || decoded.includes('\0')) return null;
  const file = path.resolve(root, '.' + decoded);
  return file.startsWith(path.resolve(root) + path.sep) ? file : null;
}

export function registerAppProtocol(): void {
  protocol.handle('app', (request) => {
    const file = resolveAppFile(request.url);
    if (!file) return new Response('Not found', { status: 404 });
    return net.fetch(pathToFileURL(file).toString());
  });
}
