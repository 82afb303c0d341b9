// Issue 12, item 1: no request ends the kiosk. The real `gate-kiosk serve` (loopback HTTP, and LAN HTTPS without a
// sign-in) is sent what an attacker would send, byte for byte on a socket; each gets a 4xx answer and the kiosk keeps
// answering afterwards with the same process.
import net from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKiosk, type RunningKiosk } from '../../../support/kiosk.ts';

/** Sends raw bytes and answers the status code of the reply (0 when the connection closed without one). */
function raw(port: number, secure: boolean, text: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = secure ? tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false }) : net.connect(port, '127.0.0.1');
    let reply = '';
    socket.once(secure ? 'secureConnect' : 'connect', () => socket.write(text));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      // An event stream never ends by itself: its status line is the answer.
      if (/content-type: text\/event-stream/i.test(reply)) socket.destroy();
    });
    socket.on('end', () => resolve(Number(reply.split(' ')[1] ?? 0) || 0));
    socket.on('close', () => resolve(Number(reply.split(' ')[1] ?? 0) || 0));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? resolve(Number(reply.split(' ')[1] ?? 0) || 0) : reject(error)));
  });
}

const get = (path: string, port: number, extra = '') => `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${extra}Connection: close\r\n\r\n`;
const post = (path: string, port: number, body: string, type = 'application/json') => `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;

/** What was sent, and the answers that may come back (never none: a crash would close the socket silently). */
const attacks = (port: number): Array<[string, string, number[]]> => [
  ['a path whose escapes are not UTF-8 (the reported one)', get('/%E0%A4%A', port), [400]],
  ['a lone percent sign', get('/%', port), [400]],
  ['a NUL byte in the path', get('/%00', port), [400]],
  ['an escaped path outside the screen', get('/..%2F..%2F..%2Fetc%2Fpasswd', port), [200, 403]],
  ['two slashes', get('//', port), [200, 400]],
  ['an absolute URL as the path', get('http://evil.example/%E0%A4%A', port), [400, 421]],
  ['an API path that is not UTF-8', post('/api/invoke/%E0%A4%A', port, '{}'), [400]],
  ['a method name with a prototype key', post('/api/invoke/__proto__', port, '{}'), [400, 401]],
  ['a body that is not JSON', post('/api/invoke/entries.record', port, '{"direction":'), [400, 401]],
  ['a body of another type', post('/api/invoke/entries.record', port, 'direction=in', 'text/plain'), [415]],
  ['an event stream token that is not UTF-8', get('/api/events?token=%E0%A4%A', port), [200, 401]],
  ['an unknown API path', get('/api/%E0%A4%A', port), [404]],
  ['a request line that is not HTTP', 'HELLO THERE\r\n\r\n', [400]],
  ['a header line without a colon', `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nno colon here\r\n\r\n`, [400]],
];

describe.each([
  ['the browser host on 127.0.0.1 (HTTP)', false],
  ['the LAN host without a sign-in (HTTPS)', true],
])('%s', (_name, lan) => {
  let kiosk: RunningKiosk;
  let port: number;
  beforeAll(async () => {
    kiosk = await startKiosk(lan ? { args: ['--listen-lan'] } : {});
    port = Number(new URL(kiosk.url).port);
  }, 60_000);
  afterAll(async () => {
    await kiosk?.stop();
    kiosk?.remove();
  });

  it('answers every malformed request with a 4xx and keeps running', async () => {
    for (const [what, request, allowed] of attacks(port)) {
      const status = await raw(port, lan, request);
      expect(allowed, `${what}: answered ${status}`).toContain(status);
      expect(kiosk.process.exitCode, `${what} ended the kiosk:\n${kiosk.output()}`).toBeNull();
    }
    // The same process still answers.
    expect(await raw(port, lan, get('/api/health', port))).toBe(200);
  });

  it('survives the page elsewhere that embeds the bad address many times at once', async () => {
    const statuses = await Promise.all(Array.from({ length: 50 }, () => raw(port, lan, get('/%E0%A4%A', port, 'Referer: http://evil.example/\r\n'))));
    expect(new Set(statuses)).toEqual(new Set([400]));
    expect(kiosk.process.exitCode).toBeNull();
    expect(await raw(port, lan, get('/api/health', port))).toBe(200);
  });
});
