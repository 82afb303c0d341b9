// The LAN host's self-signed certificate: created once at first LAN start in DATA/tls/, kept after that so browsers
// that trusted its fingerprint keep trusting it. The key comes from node:crypto; the certificate from the openssl CLI.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TlsMaterial {
  key: string;
  cert: string;
  /** SHA-256 of the certificate, as browsers show it (AA:BB:...). */
  fingerprint: string;
  created: boolean;
}

function lanAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((a): a is os.NetworkInterfaceInfo => Boolean(a) && !a!.internal && a!.family === 'IPv4')
    .map((a) => a.address);
}

export function ensureCertificate(dataDir: string, options: { openssl?: string; days?: number } = {}): TlsMaterial {
  const dir = path.join(dataDir, 'tls');
  const keyFile = path.join(dir, 'kiosk.key.pem');
  const certFile = path.join(dir, 'kiosk.cert.pem');
  let created = false;
  if (!existsSync(keyFile) || !existsSync(certFile)) {
    mkdirSync(dir, { recursive: true });
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    const names = ['DNS:localhost', `DNS:${os.hostname()}`, 'IP:127.0.0.1', ...lanAddresses().map((a) => `IP:${a}`)];
    try {
      execFileSync(options.openssl ?? 'openssl', [
        'req', '-new', '-x509', '-key', keyFile, '-out', certFile, '-days', String(options.days ?? 825), '-sha256',
        '-subj', `/CN=gate-kiosk ${os.hostname()}`, '-addext', `subjectAltName=${names.join(',')}`,
      ], { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (error) {
      const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the openssl program is not installed' : String((error as { stderr?: Buffer }).stderr ?? error).trim();
      throw new Error(`Could not create the kiosk's HTTPS certificate (${why}). Install openssl (apt install openssl), or put a key and certificate at ${keyFile} and ${certFile}.`);
    }
    created = true;
  }
  const cert = readFileSync(certFile, 'utf8');
  return { key: readFileSync(keyFile, 'utf8'), cert, fingerprint: new X509Certificate(cert).fingerprint256, created };
}
