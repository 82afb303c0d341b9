// The registry's self-signed certificate: made once at first start in DIR/tls/, kept after that so the fingerprint
// kiosks pinned at enrolment stays valid. The registry's own small copy of what the kiosk's LAN mode does (it may not
// import kiosk code): the key from node:crypto, the certificate from the openssl CLI.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RegistryTls {
  key: string;
  cert: string;
  /** SHA-256 of the certificate (AB:CD:...), what `gate-kiosk enrol --fingerprint` takes. */
  fingerprint: string;
  certFile: string;
  created: boolean;
}

export const CERT_FILE = 'registry.cert.pem';

export function ensureRegistryCertificate(dataDir: string, names: string[] = [], options: { openssl?: string; days?: number } = {}): RegistryTls {
  const dir = path.join(dataDir, 'tls');
  const keyFile = path.join(dir, 'registry.key.pem');
  const certFile = path.join(dir, CERT_FILE);
  let created = false;
  if (!existsSync(keyFile) || !existsSync(certFile)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    const alt = ['DNS:localhost', `DNS:${os.hostname()}`, 'IP:127.0.0.1', ...names.map((n) => (/^[\d.]+$|:/.test(n) ? `IP:${n}` : `DNS:${n}`))];
    try {
      execFileSync(options.openssl ?? 'openssl', [
        'req', '-new', '-x509', '-key', keyFile, '-out', certFile, '-days', String(options.days ?? 3650), '-sha256',
        '-subj', `/CN=gate-kiosk registry ${os.hostname()}`, '-addext', `subjectAltName=${[...new Set(alt)].join(',')}`,
      ], { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (error) {
      const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the openssl program is not installed' : String((error as { stderr?: Buffer }).stderr ?? error).trim();
      throw new Error(`Could not create the registry's HTTPS certificate (${why}). Install openssl (apt install openssl), pass --tls-cert and --tls-key, or put them at ${keyFile} and ${certFile}.`);
    }
    created = true;
  }
  const cert = readFileSync(certFile, 'utf8');
  return { key: readFileSync(keyFile, 'utf8'), cert, fingerprint: new X509Certificate(cert).fingerprint256, certFile, created };
}
