// What a request must show before the host acts on it: the kiosk's own Host (no DNS rebinding), the kiosk's own
// Origin when a browser names one (no other web page may call or listen), and a JSON body (a cross-site form or
// no-cors fetch cannot send one without the browser asking first). Pure functions of the request's headers.
import type { IncomingHttpHeaders } from 'node:http';

export interface Refusal {
  status: number;
  code: 'forbidden' | 'bad-input';
  message: string;
}

/** The names a loopback host answers to: anything else came through a DNS name an attacker controls. */
export function loopbackHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
}

/** Refuses a Host that is not this loopback server (the LAN accepts any name: sign-in and TLS stand in for it). */
export function checkHost(headers: IncomingHttpHeaders, port: number, lan: boolean): Refusal | null {
  if (lan) return null;
  if (loopbackHosts(port).includes(headers.host ?? '')) return null;
  return { status: 421, code: 'forbidden', message: 'Open the kiosk at 127.0.0.1.' };
}

/**
 * A browser names the page that made a request in Origin (always for POST, and for cross-origin GETs such as an
 * EventSource). When present it must be the kiosk's own address, exactly as the Host says it; a missing Origin is a
 * program on this PC (curl, the CLI, tests), not a web page.
 */
export function checkOrigin(headers: IncomingHttpHeaders, lan: boolean): Refusal | null {
  const origin = headers.origin;
  if (origin === undefined) return null;
  const own = `${lan ? 'https' : 'http'}://${headers.host ?? ''}`;
  if (origin.toLowerCase() === own.toLowerCase()) return null;
  return { status: 403, code: 'forbidden', message: 'Calls from another web page are refused. Open the kiosk at its own address.' };
}

/** A call's body must be declared JSON: text/plain and form posts are what a page elsewhere can send unasked. */
export function checkJsonBody(headers: IncomingHttpHeaders): Refusal | null {
  const type = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') return null;
  return { status: 415, code: 'bad-input', message: 'Send the call as JSON with Content-Type: application/json.' };
}

/** The address a request came from, for throttling sign-ins by source; loopback in any spelling is one source. */
export function peerOf(remoteAddress: string | undefined): { peer: 'loopback' | 'remote'; source: string } {
  const remote = (remoteAddress ?? '').replace(/^::ffff:/, '');
  if (remote === '127.0.0.1' || remote === '::1') return { peer: 'loopback', source: 'loopback' };
  return { peer: 'remote', source: remote || 'unknown' };
}

/** The path of a URL decoded, or null when its percent-escapes are not valid UTF-8 (a 400, never a crash). */
export function decodePath(pathname: string): string | null {
  try {
    const decoded = decodeURIComponent(pathname);
    return decoded.includes('\0') ? null : decoded;
  } catch {
    return null;
  }
}
