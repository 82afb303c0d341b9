// The built renderer as static files, with the page's security headers. A path that cannot be decoded is a 400 and
// a file that fails to read ends only its own response: no request can stop the kiosk.
import { createReadStream, statSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { decodePath } from './request-guards.ts';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wav': 'audio/wav',
  '.ico': 'image/x-icon',
};

// The page may load only its own files; the same policy the Electron shell applies.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob: mediastream:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

function sendText(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(text);
}

const isFile = (file: string) => {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
};

export function serveStatic(res: http.ServerResponse, staticDir: string | undefined, pathname: string): void {
  const decoded = decodePath(pathname);
  if (decoded === null) return sendText(res, 400, 'This address is not valid. Open the kiosk at its start page.');
  if (!staticDir || !isFile(path.join(staticDir, 'index.html'))) {
    return sendText(res, 503, 'The kiosk screen has not been built. Run `npm run build:renderer`, then reload.');
  }
  const root = path.resolve(staticDir);
  let file = path.resolve(root, '.' + decoded);
  if (file !== root && !file.startsWith(root + path.sep)) return sendText(res, 403, 'Not allowed.');
  if (!isFile(file)) file = path.join(root, 'index.html');
  const stream = createReadStream(file);
  stream.once('open', () => {
    const immutable = file.includes(`${path.sep}assets${path.sep}`);
    res.writeHead(200, {
      'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
    });
    stream.pipe(res);
  });
  stream.once('error', () => {
    if (!res.headersSent) sendText(res, 404, 'Not found.');
    else res.destroy();
  });
}
