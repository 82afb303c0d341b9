// Over real HTTP with the real registry (embedded PostgreSQL): what the district publishes takes effect at a real kiosk
// core. A trust list makes its key's codes verify green, a revoked card is refused, a policy becomes the kiosk's policy
// version with an audit row; and the registry's clock tells the kiosk when its own is wrong.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../../../src/kiosk/platform/audit/audit-log.ts';
import { createCore, type Core } from '../../../../src/kiosk/app/create-core.ts';
import { kioskScreen } from '../../../../src/kiosk/platform/calls/caller.ts';
import { signGateCode } from '../../../../src/kiosk/platform/health-codes/gate-code.ts';
import { generateSignerKey, trustListOf, type SignerKey } from '../../../../src/kiosk/platform/health-codes/signer-keys.ts';
import type { Database } from '../../../../src/registry/sql.ts';
import type { RunningRegistry } from '../../../../src/registry/server.ts';
import { enrolKiosk } from '../../../../src/kiosk/features/sync/enrol.ts';
import { createSyncService, systemClock } from '../../../../src/kiosk/features/sync/sync-service.ts';
import { clockSkewMs } from '../../../../src/kiosk/features/sync/status.ts';
import { pgliteBackend } from '../../../support/registry-backends.ts';
import { admin, enrolmentCode, testRegistry } from '../../../support/registry-harness.ts';
import { tempDir } from '../../../support/temp-dir.ts';
import { kioskDb, waitFor } from '../../../support/sync-fixtures.ts';

const backend = pgliteBackend();
let db: Database;
let registry: RunningRegistry;

beforeAll(async () => {
  db = await backend.open();
}, 120_000);
afterAll(async () => {
  await backend.close();
});
beforeEach(async () => {
  await backend.reset(db);
  registry = await testRegistry(db);
  return () => registry.close();
});

const sign = (key: SignerKey, extra: { cardId?: string } = {}) =>
  signGateCode({ privateKey: key.privateKey, issuer: 'test', colour: 'green', maskedName: '王*', issuedAt: new Date(), lifetimeSeconds: extra.cardId ? 365 * 86_400 : 300, ...extra });

async function publish(kind: string, content: unknown): Promise<number> {
  const answer = await admin(registry.url, 'PUT', `/v1/admin/downlink/${kind}`, content);
  if (answer.status !== 200) throw new Error(`publish ${kind}: ${JSON.stringify(answer.body)}`);
  return answer.body.version;
}

describe('district documents at a kiosk core', { timeout: 120_000 }, () => {
  it('a published trust list, revoked card and policy take effect; the age and clock show in sync.status', async () => {
    const temp = tempDir('gate-district-');
    let core: Core | null = null;
    try {
      // The compound's own files as first start leaves them: its card key, an empty revocation list.
      const compoundKey = generateSignerKey();
      mkdirSync(join(temp.dir, 'trust'), { recursive: true });
      writeFileSync(join(temp.dir, 'trust/trust-list.json'), JSON.stringify(trustListOf([{ key: compoundKey, use: ['card'], label: 'compound-card' }], new Date(), 365)));
      writeFileSync(join(temp.dir, 'trust/revoked-cards.json'), JSON.stringify({ version: 1, issuedAt: new Date().toISOString(), revokedCardIds: [] }));
      const districtKey = generateSignerKey();
      const logs: string[] = [];
      core = await createCore({ dataDir: temp.dir, log: (m) => logs.push(m) });
      const call = async (method: string, input: unknown = {}): Promise<any> => {
        const result = await core!.dispatch(method, input, kioskScreen);
        if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
        return result.value;
      };
      const verify = async (text: string) => (await call('codes.verify', { text })).result;

      expect(await verify(sign(districtKey))).toMatchObject({ status: 'invalid', reason: 'unknown-signer' });
      expect(await verify(sign(compoundKey, { cardId: 'C-0042' }))).toMatchObject({ status: 'green', source: 'resident-card' });

      await publish('trust-list', trustListOf([{ key: districtKey, use: ['code'], label: 'district authority' }], new Date(), 30, 7));
      await publish('revoked-cards', { cardIds: ['C-0042'] });
      expect(await publish('policy', { feverLineC: 37.6, visitorsAllowed: false })).toBe(1);
      const code = await enrolmentCode(registry.url, 'c-maple', 'Maple Court');
      await enrolKiosk({ db: core.db, registryUrl: registry.url, code, kioskName: 'Gate 1', allowInsecureHttp: true });

      const status = await waitFor('the district documents', async () => {
        const s = await call('sync.status');
        return s.downlink?.length === 4 && s.downlink.filter((d: { version: number }) => d.version === 1).length === 3 ? s : null;
      });
      expect(status.downlink).toEqual([
        { kind: 'policy', version: 1, ageSeconds: expect.any(Number) },
        { kind: 'trust-list', version: 1, ageSeconds: expect.any(Number) },
        { kind: 'revoked-cards', version: 1, ageSeconds: expect.any(Number) },
        { kind: 'watch-list', version: 0, ageSeconds: expect.any(Number) },
      ]);
      expect(Math.abs(status.clockSkewSeconds)).toBeLessThanOrEqual(5);
      expect(status.summary).not.toMatch(/clock/);

      expect(await verify(sign(districtKey))).toMatchObject({ status: 'green', source: 'offline-signed', holderName: '王*' });
      expect(await verify(sign(compoundKey, { cardId: 'C-0042' }))).toMatchObject({ status: 'invalid', reason: 'revoked', detail: expect.stringMatching(/district's revoked cards version 1/) });
      expect(await verify(sign(compoundKey, { cardId: 'C-0043' }))).toMatchObject({ status: 'green' });

      const policy = await waitFor('the district policy', async () => {
        const p = await call('policy.get');
        return p.version === 1 ? p : null;
      });
      expect(policy).toMatchObject({ version: 1, changedBy: 'district registry', note: 'district policy version 1', policy: { feverLineC: 37.6, visitorsAllowed: false } });
      expect(listAudit(core.db, { action: 'policy-change', limit: 10 })).toEqual([
        expect.objectContaining({ actor: 'district registry', subject: 'policy v1', detail: expect.objectContaining({ changed: ['feverLineC', 'visitorsAllowed'], note: 'district policy version 1' }) }),
      ]);
      expect(logs).toContain('district policy version 1 applied as policy version 1');
    } finally {
      await core?.close();
      temp.remove();
    }
  });

  it('a stale district list refuses its codes and says to connect to the registry; a bad policy is ignored', async () => {
    const temp = tempDir('gate-district-');
    let core: Core | null = null;
    try {
      mkdirSync(join(temp.dir, 'trust'), { recursive: true });
      writeFileSync(join(temp.dir, 'trust/trust-list.json'), JSON.stringify(trustListOf([], new Date(), 365)));
      const districtKey = generateSignerKey();
      await publish('trust-list', trustListOf([{ key: districtKey, use: ['code'] }], new Date(Date.now() - 40 * 86_400_000), 30, 3));
      await publish('policy', { feverLineC: 45 });
      const logs: string[] = [];
      core = await createCore({ dataDir: temp.dir, log: (m) => logs.push(m) });
      await enrolKiosk({ db: core.db, registryUrl: registry.url, code: await enrolmentCode(registry.url, 'c-oak'), kioskName: 'Gate 1', allowInsecureHttp: true });
      const result = await waitFor('the stale list to be downloaded', async () => {
        const r = await core!.dispatch('codes.verify', { text: sign(districtKey) }, kioskScreen);
        return r.ok && (r.value as any).result.reason === 'stale-trust-list' ? (r.value as any).result : null;
      });
      expect(result.detail).toMatch(/^district trust list \(from the registry\) version 3 expired at .*connect the kiosk to the registry/);
      await waitFor('the bad policy to be logged', () => logs.some((m) => /district policy version 1 ignored/.test(m)));
      const policy = await core.dispatch('policy.get', {}, kioskScreen);
      expect(policy).toMatchObject({ ok: true, value: { version: 0 } });
      expect(listAudit(core.db, { action: 'policy-change', limit: 10 })).toEqual([]);
    } finally {
      await core?.close();
      temp.remove();
    }
  });

  it('a kiosk clock ten minutes fast is refused by the registry and told so in sync.status', async () => {
    const kiosk = kioskDb();
    const service = createSyncService({
      db: kiosk.db,
      config: { timeZone: 'Asia/Shanghai', intervalMs: 20, backoff: { baseMs: 10, capMs: 200 }, requestTimeoutMs: 5_000 },
      clock: { ...systemClock, now: () => Date.now() + 10 * 60_000 },
    });
    try {
      await enrolKiosk({ db: kiosk.db, registryUrl: registry.url, code: await enrolmentCode(registry.url, 'c-pine'), kioskName: 'Gate 1', allowInsecureHttp: true });
      service.start();
      const status = await waitFor('the skew to be measured', () => (service.status().clockSkewSeconds !== undefined && service.status().lastError ? service.status() : null));
      expect(status.clockSkewSeconds).toBeGreaterThanOrEqual(590);
      expect(status.clockSkewSeconds).toBeLessThanOrEqual(610);
      expect(status.summary).toMatch(/kiosk clock is ahead by 10 minutes compared with the registry: fix the time/);
    } finally {
      await service.stop();
      kiosk.cleanup();
    }
  });
});

describe('clockSkewMs', () => {
  it.each([
    ['in step (the header truncates to whole seconds)', 1_000_000, 1_000_400, 1_000_600, 0],
    ['kiosk 2 minutes ahead', 1_000_000, 1_120_500, 1_120_500, 120_000],
    ['kiosk 5 minutes behind, slow round trip', 1_000_000, 700_000, 701_000, -300_000],
  ] as const)('%s', (_name, server, sent, received, expected) => {
    expect(clockSkewMs(server, sent, received)).toBe(expected);
  });
});
