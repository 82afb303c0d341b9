// The kiosk's HTTP client for the registry: signed requests, timeouts, and certificate pinning for https.
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import { signedHeaders } from '../../../common/wire/signing.ts';
import { nodeDigest } from '../../platform/node-digest.ts';

export type RegistryErrorKind = 'unreachable' | 'timeout' | 'certificate-mismatch' | 'refused' | 'server-error' | 'bad-answer' | 'unverified' | 'insecure';

export class RegistryError extends Error {
  readonly kind: RegistryErrorKind;
  readonly status: number | null;
  constructor(kind: RegistryErrorKind, message: string, status: number | null = null) {
    super(message);
    this.kind = kind;
    this.status = status;
  }
}

export interface KioskCredentials {
  kioskId: string;
  secret: string;
}

export interface RegistryClientOptions {
  /** http://host:port or https://host:port of the registry. */
  url: string;
  /** SHA-256 fingerprint of the registry's certificate (hex, colons optional). Required trust for https. */
  certificateSha256?: string;
  now?: () => number;
  timeoutMs?: number;
  /** Called with the registry's clock (its Date header) on every answer, errors included, and when the request left and the answer came. */
  onServerDate?: (serverMs: number, sentAtMs: number, receivedAtMs: number) => void;
}

export interface RegistryClient {
  request(method: 'GET' | 'POST' | 'PUT', path: string, body: unknown, credentials: KioskCredentials | null): Promise<unknown>;
}

export function normaliseFingerprint(fp: string): string {
  return fp.replace(/[^0-9a-fA-F]/g, '').toLowerCase();
}

export function createRegistryClient(options: RegistryClientOptions): RegistryClient {
  const base = new URL(options.url);
  const secure = base.protocol === 'https:';
  if (!secure && base.protocol !== 'http:') throw new Error(`registry URL must be http:// or https://, got ${options.url}`);
  const pinned = options.certificateSha256 ? normaliseFingerprint(options.certificateSha256) : null;
  if (pinned !== null && pinned.length !== 64) throw new Error('registry certificate fingerprint must be a SHA-256 (64 hex digits)');
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const port = Number(base.port || (secure ? 443 : 80));
  const host = base.hostname.replace(/^\[|\]$/g, '');

  // With a pin the certificate is checked before any byte of the request is written; without one, the usual CA check applies.
  const pinnedConnection = (_opts: unknown, done: (error: Error | null, socket?: Duplex) => void): undefined => {
    const socket = tls.connect({ host, port, servername: isIP(host) ? undefined : host, rejectUnauthorized: false });
    socket.once('secureConnect', () => {
      const actual = normaliseFingerprint(socket.getPeerCertificate().fingerprint256 ?? '');
      if (actual !== pinned) {
        socket.destroy();
        done(new RegistryError('certificate-mismatch', `the registry's TLS certificate (SHA-256 ${actual || 'none'}) does not match the configured one (${pinned}); refusing to send anything. Check the registry address or update the configured fingerprint.`));
      } else done(null, socket);
    });
    socket.once('error', (error) => done(error));
    return undefined;
  };

  return {
    request(method, path, body, credentials) {
      const text = body === undefined ? '' : JSON.stringify(body);
      const headers: Record<string, string> = { accept: 'application/json' };
      if (text) headers['content-type'] = 'application/json';
      if (credentials) Object.assign(headers, signedHeaders(nodeDigest, credentials.kioskId, credentials.secret, method, path.split('?')[0]!, text, now()));
      const requestOptions: https.RequestOptions = { host, port, method, path, headers, agent: false };
      // createConnection is honoured only without an agent; each request then gets its own checked connection.
      if (secure && pinned) Object.assign(requestOptions, { agent: undefined, createConnection: pinnedConnection });
      const sentAt = now();
      return new Promise((resolve, reject) => {
        const req = (secure ? https : http).request(requestOptions, (res) => {
          const serverMs = Date.parse(res.headers.date ?? '');
          if (options.onServerDate && Number.isFinite(serverMs)) options.onServerDate(serverMs, sentAt, now());
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (error) => reject(new RegistryError('unreachable', `connection lost while reading the answer: ${error.message}`)));
          res.on('end', () => {
            const raw = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown;
            try {
              parsed = raw ? JSON.parse(raw) : null;
            } catch {
              return reject(new RegistryError(res.statusCode && res.statusCode >= 500 ? 'server-error' : 'bad-answer', `registry answered ${res.statusCode} with something that is not JSON`, res.statusCode ?? null));
            }
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) return resolve(parsed);
            const message = (parsed as { error?: string } | null)?.error ?? `HTTP ${status}`;
            reject(new RegistryError(status >= 500 ? 'server-error' : 'refused', `registry answered ${status}: ${message}`, status));
          });
        });
        req.setTimeout(timeoutMs, () => req.destroy(new RegistryError('timeout', `no answer from the registry within ${timeoutMs} ms`)));
        req.on('error', (error) => {
          if (error instanceof RegistryError) return reject(error);
          const code = (error as NodeJS.ErrnoException).code;
          reject(new RegistryError('unreachable', `cannot reach the registry at ${base.origin}: ${code ?? error.message}`));
        });
        req.end(text);
      });
    },
  };
}
