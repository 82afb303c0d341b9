// What a request must show before the host acts on it, as tables of headers.
import { describe, expect, it } from 'vitest';
import { checkHost, checkJsonBody, checkOrigin, decodePath, peerOf } from '../../../../src/kiosk/app/host/request-guards.ts';

describe('request guards', () => {
  it.each([
    [{ host: '127.0.0.1:8420' }, false, null],
    [{ host: 'localhost:8420', origin: 'http://localhost:8420' }, false, null],
    [{ host: '127.0.0.1:8420', origin: 'http://evil.example' }, false, 403],
    [{ host: '127.0.0.1:8420', origin: 'http://localhost:8420' }, false, 403],
    [{ host: '127.0.0.1:8420', origin: 'null' }, false, 403],
    [{ host: '127.0.0.1:8420', origin: 'https://127.0.0.1:8420' }, false, 403],
    [{ host: '192.168.1.5:8420', origin: 'https://192.168.1.5:8420' }, true, null],
    [{ host: '192.168.1.5:8420', origin: 'http://192.168.1.5:8420' }, true, 403],
    [{ host: 'kiosk.lan:8420', origin: 'https://evil.example' }, true, 403],
  ])('Origin: %o (LAN %s) → %s', (headers, lan, status) => {
    expect(checkOrigin(headers, lan)?.status ?? null).toBe(status);
  });

  it.each([
    ['application/json', null],
    ['application/json; charset=utf-8', null],
    ['Application/JSON', null],
    ['text/plain', 415],
    ['text/plain;charset=UTF-8', 415],
    ['application/x-www-form-urlencoded', 415],
    ['multipart/form-data; boundary=x', 415],
    [undefined, 415],
  ])('Content-Type %s → %s', (type, status) => {
    expect(checkJsonBody(type === undefined ? {} : { 'content-type': type })?.status ?? null).toBe(status);
  });

  it('accepts only its own loopback names, and any name on the LAN', () => {
    expect(checkHost({ host: '127.0.0.1:8420' }, 8420, false)).toBeNull();
    expect(checkHost({ host: '[::1]:8420' }, 8420, false)).toBeNull();
    expect(checkHost({ host: 'evil.example:8420' }, 8420, false)?.status).toBe(421);
    expect(checkHost({}, 8420, false)?.status).toBe(421);
    expect(checkHost({ host: 'evil.example' }, 8420, true)).toBeNull();
  });

  it.each([
    ['/assets/app.js', '/assets/app.js'],
    ['/%E4%BD%A0', '/你'],
    ['/%E0%A4%A', null],
    ['/%', null],
    ['/%00', null],
    ['/a%2F..%2F..%2Fetc%2Fpasswd', '/a/../../etc/passwd'],
  ])('decodes the path %s as %s', (raw, decoded) => expect(decodePath(raw)).toBe(decoded));

  it('names the source of a request', () => {
    expect(peerOf('127.0.0.1')).toEqual({ peer: 'loopback', source: 'loopback' });
    expect(peerOf('::ffff:127.0.0.1')).toEqual({ peer: 'loopback', source: 'loopback' });
    expect(peerOf('::1')).toEqual({ peer: 'loopback', source: 'loopback' });
    expect(peerOf('::ffff:192.168.1.9')).toEqual({ peer: 'remote', source: '192.168.1.9' });
    expect(peerOf('127.0.0.2')).toEqual({ peer: 'remote', source: '127.0.0.2' });
  });
});
