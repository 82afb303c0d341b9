// Issue 12.3, from outside: an attacker on the path between kiosk and registry. Over plain http a proxy replaced the
// trust list and the policy (its own codes went green, the fever line became 39.0 °C) and read the kiosk's secret
// from the enrolment answer. Now every document is checked against the district key pinned at enrolment before it
// takes effect, whatever the transport, and enrolment refuses http:// and a certificate that is not the pinned one.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../src/kiosk/app/create-core.ts';
import { kioskScreen } from '../../../../src/kiosk/platform/calls/caller.ts';
import { signGateCode } from '../../../../src/kiosk/platform/health-codes/gate-code.ts';
import { generateSignerKey, trustListOf } from '../../../../src/kiosk/platform/health-codes/signer-keys.ts';
import { listAudit } from '../../../../src/kiosk/platform/audit/audit-log.ts';
import { enrolKiosk } from '../../../../src/kiosk/features/sync/enrol.ts';
import { readCredentials } from '../../../../src/kiosk/features/sync/kiosk-state.ts';
import { RegistryError } from '../../../../src/kiosk/features/sync/registry-client.ts';
import type { Database } from '../../../../src/registry/sql.ts';
import type { RunningRegistry } from '../../../../src/registry/server.ts';
import { ensureRegistryCertificate } from '../../../../src/registry/tls-certificate.ts';
import { startFaultProxy, type FaultProxy } from '../../../support/fault-proxy.ts';
import { startTcpRelay, startTlsInterceptor } from '../../../support/path-attacker.ts';
import { pgliteBackend } from '../../../support/registry-backends.ts';
import { admin, enrolmentCode, testRegistry } from '../../../support/registry-harness.ts';
import { createEnrolmentCode } from '../../../../src/registry/auth.ts';
import { kioskDb, waitFor } from '../../../support/sync-fixtures.ts';
import { tempDir } from '../../../support/temp-dir.ts';

const backend = pgliteBackend();
let db: Database;
beforeAll(async () => {
  db = await backend.open();
}, 120_000);
afterAll(() => backend.close());

const green = (key: ReturnType<typeof generateSignerKey>) =>
  signGateCode({ privateKey: key.privateKey, issuer: 'attacker', colour: 'green', maskedName: '王*', issuedAt: new Date(), lifetimeSeconds: 300 });

describe('an HTTP proxy on the path rewrites what the registry sends down', { timeout: 120_000 }, () => {
  let registry: RunningRegistry;
  let proxy: FaultProxy;
  let temp: ReturnType<typeof tempDir>;
  let core: Core | null = null;
  const logs: string[] = [];
  beforeEach(async () => {
    await backend.reset(db);
    registry = await testRegistry(db);
    proxy = await startFaultProxy(registry.url);
    temp = tempDir('gate-attacker-');
    logs.length = 0;
    return async () => {
      await core?.close();
      core = null;
      await proxy.close();
      await registry.close();
      temp.remove();
    };
  });

  /** A kiosk enrolled directly (so the attacker did not see the enrolment), then syncing through the proxy. */
  async function kioskBehindProxy(): Promise<Core> {
    mkdirSync(join(temp.dir, 'trust'), { recursive: true });
    writeFileSync(join(temp.dir, 'trust/trust-list.json'), JSON.stringify(trustListOf([], new Date(), 365)));
    writeFileSync(join(temp.dir, 'config.json'), JSON.stringify({ registry: { url: proxy.url, documentsEverySeconds: 1 } }));
    core = await createCore({ dataDir: temp.dir, log: (m) => logs.push(m) });
    await enrolKiosk({ db: core.db, registryUrl: registry.url, code: await enrolmentCode(registry.url, 'c-maple'), kioskName: 'Gate 1', allowInsecureHttp: true });
    return core;
  }

  const call = async (method: string, input: unknown = {}): Promise<any> => {
    const result = await core!.dispatch(method, input, kioskScreen);
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
    return result.value;
  };

  it('a swapped trust list and policy take no effect: the attacker’s code stays unknown, the fever line stays', async () => {
    const districtSigner = generateSignerKey();
    await admin(registry.url, 'PUT', '/v1/admin/downlink/trust-list', trustListOf([{ key: districtSigner, use: ['code'] }], new Date(), 30, 1));
    await admin(registry.url, 'PUT', '/v1/admin/downlink/policy', { feverLineC: 37.3 });
    const attackerKey = generateSignerKey();
    const forgedTrust = trustListOf([{ key: attackerKey, use: ['code', 'card'] }], new Date(), 30, 9);
    proxy.rewrite = (_method, path, answer) => {
      if (!path.startsWith('/v1/downlink/')) return answer;
      const doc = JSON.parse(answer.toString());
      if (path.endsWith('/trust-list')) doc.content = forgedTrust;
      if (path.endsWith('/policy')) doc.content = { feverLineC: 39.0 };
      // The attacker also bumps the version, so a kiosk that only compares versions would take it.
      doc.header.version += 5;
      return Buffer.from(JSON.stringify(doc));
    };
    await kioskBehindProxy();
    const status = await waitFor('the refused exchange', async () => {
      const s = await call('sync.status');
      return s.lastError?.kind === 'unverified' ? s : null;
    });
    expect(status.lastError.message).toMatch(/not signed by this kiosk's district key|does not match its signed hash/);
    expect((await call('codes.verify', { text: green(attackerKey) })).result).toMatchObject({ status: 'invalid', reason: 'unknown-signer' });
    expect(await call('policy.get')).toMatchObject({ version: 0, policy: { feverLineC: 37.3 } });
    expect(listAudit(core!.db, { action: 'policy-change', limit: 10 })).toEqual([]);
    expect(core!.db.prepare('SELECT count(*) AS n FROM sync_downlink').get()).toEqual({ n: 0 });

    // The same proxy stepping aside: the genuine documents arrive and verify.
    proxy.rewrite = null;
    await waitFor('the genuine documents', async () => (await call('sync.status')).downlink?.some((d: any) => d.kind === 'trust-list' && d.version === 1));
    expect((await call('codes.verify', { text: green(districtSigner) })).result).toMatchObject({ status: 'green' });
    expect((await call('codes.verify', { text: green(attackerKey) })).result).toMatchObject({ status: 'invalid', reason: 'unknown-signer' });
  });

  it('content changed under a correct header, a header re-signed with another key, another compound’s list, a replayed old version: all refused', async () => {
    await admin(registry.url, 'PUT', '/v1/admin/downlink/revoked-cards', { cardIds: ['C-1'] });
    const kiosk = await kioskBehindProxy();
    await waitFor('version 1', () => readDownlinkVersion(kiosk, 'revoked-cards') === 1);
    await admin(registry.url, 'PUT', '/v1/admin/downlink/revoked-cards', { cardIds: ['C-1', 'C-2'] });

    const attempts: Array<[string, (doc: any) => any]> = [
      ['content swapped', (doc) => ({ ...doc, content: { cardIds: [] } })],
      ['header re-signed by another key', (doc) => ({ ...doc, header: { ...doc.header, version: 99 }, signature: Buffer.alloc(64, 7).toString('base64') })],
      ['unsigned', (doc) => ({ header: doc.header, content: doc.content })],
    ];
    for (const [what, forge] of attempts) {
      const before = proxy.captured.length;
      proxy.rewrite = (_m, path, answer) => (path === '/v1/downlink/revoked-cards' ? Buffer.from(JSON.stringify(forge(JSON.parse(answer.toString())))) : answer);
      await waitFor(`${what} to be tried`, () => proxy.captured.slice(before).some((c) => c.path === '/v1/downlink/revoked-cards'));
      await waitFor(`${what} to be refused`, async () => (await call('sync.status')).lastError?.kind === 'unverified');
      expect(readDownlinkVersion(kiosk, 'revoked-cards'), what).toBe(1);
    }

    // A genuine, signed watch list of another compound, passed off as this one's.
    const other = await enrolmentCode(registry.url, 'c-other');
    const otherKiosk = kioskDb();
    try {
      const credentials = await enrolKiosk({ db: otherKiosk.db, registryUrl: registry.url, code: other, kioskName: 'Gate 9', allowInsecureHttp: true });
      const { createRegistryClient } = await import('../../../../src/kiosk/features/sync/registry-client.ts');
      const theirs = await createRegistryClient({ url: registry.url }).request('GET', '/v1/downlink/watch-list', undefined, credentials);
      const before = proxy.captured.length;
      proxy.rewrite = (_m, path, answer) => (path === '/v1/downlink/watch-list' ? Buffer.from(JSON.stringify(theirs)) : answer);
      await waitFor('the swapped watch list', () => proxy.captured.slice(before).some((c) => c.path === '/v1/downlink/watch-list'));
      await waitFor('its refusal', async () => /addressed to another compound/.test((await call('sync.status')).lastError?.message ?? ''));
    } finally {
      otherKiosk.cleanup();
    }
    proxy.rewrite = null;
    await waitFor('version 2, genuine', () => readDownlinkVersion(kiosk, 'revoked-cards') === 2);
  });
});

function readDownlinkVersion(core: Core, kind: string): number | null {
  return (core.db.prepare('SELECT version FROM sync_downlink WHERE kind = ?').get(kind) as { version: number } | undefined)?.version ?? null;
}

describe('enrolment cannot be read or redirected on the path', { timeout: 60_000 }, () => {
  let dir: ReturnType<typeof tempDir>;
  let registry: RunningRegistry;
  let tls: ReturnType<typeof ensureRegistryCertificate>;
  let impostor: ReturnType<typeof ensureRegistryCertificate>;
  beforeAll(async () => {
    await backend.reset(db);
    dir = tempDir('gate-enrol-path-');
    tls = ensureRegistryCertificate(join(dir.dir, 'registry'));
    impostor = ensureRegistryCertificate(join(dir.dir, 'impostor'));
    registry = await testRegistry(db, { tls: { cert: tls.cert, key: tls.key } });
  });
  afterAll(async () => {
    await registry.close();
    dir.remove();
  });

  it('refuses http:// (an on-path proxy would read the secret and could swap the district key)', async () => {
    const plain = await testRegistry(db);
    const proxy = await startFaultProxy(plain.url);
    const kiosk = kioskDb();
    try {
      const code = await enrolmentCode(plain.url, 'c-plain');
      const attempt = enrolKiosk({ db: kiosk.db, registryUrl: proxy.url, code, kioskName: 'Gate 1' });
      await expect(attempt).rejects.toBeInstanceOf(RegistryError);
      await expect(attempt).rejects.toMatchObject({ kind: 'insecure', message: expect.stringMatching(/refusing to enrol over plain http/) });
      expect(proxy.captured).toEqual([]);
      expect(readCredentials(kiosk.db)).toBeNull();
    } finally {
      kiosk.cleanup();
      await proxy.close();
      await plain.close();
    }
  });

  it('an interceptor with its own certificate reads nothing, and the code is still good afterwards', async () => {
    const interceptor = await startTlsInterceptor(impostor, { host: '127.0.0.1', port: registry.port });
    const kiosk = kioskDb();
    try {
      const { code } = await createEnrolmentCode(db, { compoundId: 'c-tls', district: 'Xuhui' });
      const attempt = enrolKiosk({ db: kiosk.db, registryUrl: interceptor.url, certificateSha256: tls.fingerprint, code, kioskName: 'Gate 1' });
      await expect(attempt).rejects.toMatchObject({ kind: 'certificate-mismatch' });
      expect(interceptor.connections).toBeGreaterThan(0);
      expect(Buffer.concat(interceptor.received).length).toBe(0);
      const enrolled = await enrolKiosk({ db: kiosk.db, registryUrl: registry.url, certificateSha256: tls.fingerprint, code, kioskName: 'Gate 1' });
      expect(enrolled).toMatchObject({ compoundId: 'c-tls', districtKey: registry.keys.publicKey, certificateSha256: tls.fingerprint });
    } finally {
      kiosk.cleanup();
      await interceptor.close();
    }
  });

  it('a relay that records every byte sees neither the code, nor the secret, nor the watch key', async () => {
    const relay = await startTcpRelay({ host: '127.0.0.1', port: registry.port });
    const kiosk = kioskDb();
    try {
      const { code } = await createEnrolmentCode(db, { compoundId: 'c-relay', district: 'Xuhui' });
      const c = await enrolKiosk({ db: kiosk.db, registryUrl: relay.url, certificateSha256: tls.fingerprint, code, kioskName: 'Gate 1' });
      const wire = Buffer.concat([...relay.upstream, ...relay.downstream]);
      expect(wire.length).toBeGreaterThan(500);
      for (const secret of [code, code.replaceAll('-', ''), c.secret, c.watchKey!, c.kioskId]) expect(wire.includes(Buffer.from(secret)), secret).toBe(false);
    } finally {
      kiosk.cleanup();
      await relay.close();
    }
  });
});
