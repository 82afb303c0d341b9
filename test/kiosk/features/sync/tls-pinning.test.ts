// A kiosk talks only to the registry whose certificate it was configured with, and says so when it is another.
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type Database } from '../../../../src/registry/sql.ts';
import { migrate } from '../../../../src/registry/schema.ts';
import type { RunningRegistry } from '../../../../src/registry/server.ts';
import { enrolKiosk } from '../../../../src/kiosk/features/sync/enrol.ts';
import { readCredentials } from '../../../../src/kiosk/features/sync/kiosk-state.ts';
import { testRegistry } from '../../../support/registry-harness.ts';
import { createEnrolmentCode } from '../../../../src/registry/auth.ts';
import { kioskDb } from '../../../support/sync-fixtures.ts';

function selfSigned(dir: string, name: string): { cert: string; key: string; sha256: string } {
  const key = join(dir, `${name}.key`);
  const cert = join(dir, `${name}.crt`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', `/CN=${name}`], { stdio: 'ignore' });
  const pem = readFileSync(cert, 'utf8');
  return { cert: pem, key: readFileSync(key, 'utf8'), sha256: new X509Certificate(pem).fingerprint256 };
}

describe('registry TLS certificate pinning', () => {
  let dir: string;
  let db: Database;
  let registry: RunningRegistry;
  let good: ReturnType<typeof selfSigned>;
  let other: ReturnType<typeof selfSigned>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gate-tls-'));
    good = selfSigned(dir, 'registry');
    other = selfSigned(dir, 'impostor');
    db = await openPglite();
    await migrate(db);
    registry = await testRegistry(db, { tls: { cert: good.cert, key: good.key } });
  });
  afterAll(async () => {
    await registry.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a registry whose certificate does not match, before sending the code', async () => {
    const kiosk = kioskDb();
    try {
      const enrolment = await enrolmentCodeOverTls(registry.url);
      const attempt = enrolKiosk({ db: kiosk.db, registryUrl: registry.url, certificateSha256: other.sha256, code: enrolment, kioskName: 'Gate 1' });
      await expect(attempt).rejects.toMatchObject({ kind: 'certificate-mismatch', message: expect.stringContaining('does not match the configured one') });
      expect(readCredentials(kiosk.db)).toBeNull();
      // The code was never sent, so it still works with the right fingerprint (colon form, any case).
      const ok = await enrolKiosk({ db: kiosk.db, registryUrl: registry.url, certificateSha256: good.sha256.toLowerCase(), code: enrolment, kioskName: 'Gate 1' });
      expect(readCredentials(kiosk.db)).toMatchObject({ kioskId: ok.kioskId });
    } finally {
      kiosk.cleanup();
    }
  });

  async function enrolmentCodeOverTls(_url: string): Promise<string> {
    // The admin call goes through node's fetch, which would refuse the self-signed certificate: use the DB directly.
    return (await createEnrolmentCode(db, { compoundId: 'c-tls', district: 'Xuhui' })).code;
  }
});
