// The administrator's client for `gate-kiosk registry code|publish|staff`: the admin token as a bearer header, and
// for https the registry's certificate pinned (its fingerprint, from --fingerprint or the registry's own DIR/tls/),
// checked before any byte of the request, token included, is sent.
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { join } from 'node:path';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import { UsageError } from './parse-args.ts';

export interface AdminTarget {
  url: string;
  token: string;
  /** SHA-256 of the registry's certificate (hex, colons optional). */
  fingerprint?: string;
}

const hex = (fp: string) => fp.replace(/[^0-9a-fA-F]/g, '').toLowerCase();

/** The fingerprint of the certificate a registry made in its data folder, when this machine has that folder. */
export function localFingerprint(dataDir: string): string | undefined {
  const file = join(dataDir, 'tls', 'registry.cert.pem');
  return existsSync(file) ? new X509Certificate(readFileSync(file)).fingerprint256 : undefined;
}

export class AdminRefused extends UsageError {
  readonly body: { error?: string; errors?: string[] };
  constructor(message: string, body: { error?: string; errors?: string[] }) {
    super(message);
    this.body = body;
  }
}

export function adminRequest(target: AdminTarget, method: string, path: string, body?: unknown): Promise<any> {
  const base = new URL(target.url);
  const secure = base.protocol === 'https:';
  const host = base.hostname.replace(/^\[|\]$/g, '');
  const port = Number(base.port || (secure ? 443 : 80));
  const pin = target.fingerprint ? hex(target.fingerprint) : null;
  const text = body === undefined ? '' : JSON.stringify(body);
  const headers: Record<string, string> = { authorization: `Bearer ${target.token}`, accept: 'application/json', ...(text ? { 'content-type': 'application/json' } : {}) };
  const pinned = (_opts: unknown, done: (error: Error | null, socket?: Duplex) => void): undefined => {
    const socket = tls.connect({ host, port, servername: isIP(host) ? undefined : host, rejectUnauthorized: false });
    socket.once('secureConnect', () => {
      const actual = hex(socket.getPeerCertificate().fingerprint256 ?? '');
      if (actual !== pin) {
        socket.destroy();
        done(new UsageError(`the registry at ${target.url} shows certificate ${actual}, not the expected ${pin}: refusing to send the admin token`));
      } else done(null, socket);
    });
    socket.once('error', (error) => done(error));
    return undefined;
  };
  const options: https.RequestOptions = { host, port, method, path, headers, agent: false };
  // createConnection is honoured only without an agent; each request then gets its own checked connection.
  if (secure && pin) Object.assign(options, { agent: undefined, createConnection: pinned });
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request(options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        let answer: any = null;
        try {
          answer = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return reject(new UsageError(`the registry answered ${res.statusCode} with something that is not JSON`));
        }
        if ((res.statusCode ?? 500) >= 400) return reject(new AdminRefused(`registry refused (${res.statusCode}): ${answer?.error ?? 'no reason given'}`, answer ?? {}));
        resolve(answer);
      });
    });
    req.setTimeout(60_000, () => req.destroy(new Error('no answer within 60 s')));
    req.on('error', (error) => {
      if (error instanceof UsageError) return reject(error);
      const why = (error as NodeJS.ErrnoException).code ?? error.message;
      reject(new UsageError(`cannot reach the registry at ${target.url}: ${why}. Is it running? Pass --url${secure && !pin ? ', and --fingerprint for its self-signed certificate' : ''}.`));
    });
    req.end(text);
  });
}
