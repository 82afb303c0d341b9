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
  const { host, pathname } = new URL(url);
  if (host !== 'kiosk') return null;
  const file = path.resolve(root, '.' + decodeURIComponent(pathname === '/' ? '/index.html' : pathname));
  return file.startsWith(path.resolve(root) + path.sep) ? file : null;
}

export function registerAppProtocol(): void {
  protocol.handle('app', (request) => {
    const file = resolveAppFile(request.url);
    if (!file) return new Response('Not found', { status: 404 });
    return net.fetch(pathToFileURL(file).toString());
  });
}
