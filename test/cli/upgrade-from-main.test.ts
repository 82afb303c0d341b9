// A kiosk upgraded from the version before encryption (schema 6: a plain database, roster-id.key and the card key
// beside it in clear, 0644 files in a 0755 folder) keeps its entries, accounts and roster; its database is encrypted in
// place, its secrets move inside it, its audit log is chained. And a lost or replaced roster key is recognised (14.5).
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/kiosk/features/accounts/secret-hash.ts';
import { createIdHasher } from '../../src/kiosk/features/roster/id-key.ts';
import { createRosterRepository } from '../../src/kiosk/features/roster/roster-repository.ts';
import { checkAuditLog } from '../../src/kiosk/platform/audit/audit-log.ts';
import { migrations } from '../../src/kiosk/platform/store/migrations/index.ts';
import { openDatabase } from '../../src/kiosk/platform/store/open-store.ts';
import { startKiosk, type RunningKiosk } from '../support/kiosk.ts';
import { openKioskDb } from '../support/kiosk-db.ts';
import { tempDir } from '../support/temp-dir.ts';

const RESIDENT = '司马相如';
const ID_NUMBER = '110105199003071239';
const PHONE = '13812345678';
const REGISTRY_SECRET = 'registry-secret-Zq8Kx2';
const MANAGER = { username: 'zhao', password: 'manager-secret-9' };

let kiosk: RunningKiosk | null = null;
const temps: Array<{ remove(): void }> = [];
afterEach(async () => {
  await kiosk?.stop('SIGKILL');
  kiosk = null;
  for (const t of temps.splice(0)) t.remove();
});

/** The data folder as the version before this one left it. */
function mainKiosk(options: { withRosterKey?: boolean } = {}): { dir: string; cardPem: string; rosterKey: Buffer } {
  const data = tempDir('gate-kiosk-upgrade-');
  temps.push(data);
  const dir = data.dir;
  const rosterKey = randomBytes(32);
  const db = openDatabase(path.join(dir, 'gate-kiosk.sqlite'), migrations.filter((m) => m.version <= 6));
  const roster = createRosterRepository(db, createIdHasher(rosterKey));
  const household = roster.saveHousehold({ building: '7', unit: '1', room: '302' });
  roster.saveResident({ householdId: household.id, name: RESIDENT, idNumber: ID_NUMBER, phone: PHONE });
  db.prepare('INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(randomUUID(), MANAGER.username, '赵经理', 'manager', hashSecret(MANAGER.password), new Date().toISOString());
  for (const action of ['setup', 'sign-in', 'reveal']) {
    db.prepare('INSERT INTO audit_log (at, at_ms, actor, actor_role, action, subject, detail) VALUES (?, ?, ?, ?, ?, ?, ?)').run(new Date().toISOString(), Date.now(), MANAGER.username, 'manager', action, null, JSON.stringify({ reason: `${RESIDENT} asked` }));
  }
  db.prepare("INSERT INTO sync_credentials (one, registry_url, kiosk_id, secret, compound_id, district, enrolled_at) VALUES (1, 'http://127.0.0.1:1', 'k-1', ?, 'c-1', 'd-1', ?)").run(REGISTRY_SECRET, new Date().toISOString());
  // The entry as that version wrote it (its own columns only).
  const now = new Date();
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
  db.prepare(
    `INSERT INTO entries (id, at, at_ms, local_day, direction, lane, identity_name, identity_masked_id, code_status, code_source, code_detail, code_checked_at,
       body_c, temperature_source, mask_worn, decision, reasons, volunteer, person_kind, household_label)
     VALUES (?, ?, ?, ?, 'in', 'standard', ?, '1101**********1239', 'green', 'manual', 'phone shown', ?, 36.5, 'manual', 1, 'pass', '[]', '值班志愿者', 'resident', '7-1-302')`,
  ).run(randomUUID(), now.toISOString(), now.getTime(), day, RESIDENT, now.toISOString());
  db.close();
  if (options.withRosterKey ?? true) writeFileSync(path.join(dir, 'roster-id.key'), `${rosterKey.toString('hex')}\n`);
  mkdirSync(path.join(dir, 'trust'));
  const cardPem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  writeFileSync(path.join(dir, 'trust', 'compound-card.key.pem'), cardPem);
  chmodSync(dir, 0o755);
  for (const name of readdirSync(dir, { recursive: true }) as string[]) chmodSync(path.join(dir, name), statSync(path.join(dir, name)).isDirectory() ? 0o755 : 0o644);
  return { dir, cardPem, rosterKey };
}

async function signIn(k: RunningKiosk): Promise<(method: string, input?: unknown) => Promise<{ ok: boolean; value?: any; error?: { code: string; message: string } }>> {
  const answer = await k.invoke<{ token: string }>('accounts.signIn', MANAGER);
  expect(answer.body.ok, JSON.stringify(answer.body)).toBe(true);
  const token = answer.body.value!.token;
  return async (method, input = {}) => {
    const response = await fetch(`${k.url}api/invoke/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(input) });
    return (await response.json()) as never;
  };
}

describe('upgrading a kiosk from the version without encryption', () => {
  it('encrypts the database in place and keeps its entries, accounts, roster, audit log and registry link', async () => {
    const { dir, cardPem } = mainKiosk();
    kiosk = await startKiosk({ dataDir: dir });
    expect(kiosk.output()).toMatch(/encrypted the existing database/);
    expect((await kiosk.invoke<{ total: number }>('entries.today', {})).body.value!.total).toBe(1);
    const call = await signIn(kiosk);
    const found = await call('roster.residents.find', { idNumber: ID_NUMBER });
    expect(found.value.matches.map((m: { resident: { name: string } }) => m.resident.name)).toEqual([RESIDENT]);
    expect((await call('system.storage')).value).toMatchObject({ state: 'ok', problems: [], keyProtection: 'key-file' });
    await kiosk.stop();
    kiosk = null;

    // The secrets are inside the database now, and nothing on disk says a name, a number, a phone or a secret.
    expect(existsSync(path.join(dir, 'roster-id.key'))).toBe(false);
    expect(existsSync(path.join(dir, 'trust', 'compound-card.key.pem'))).toBe(false);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(dir, { recursive: true }) as string[]) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) continue;
      expect({ name, mode: (statSync(file).mode & 0o777).toString(8) }).toEqual({ name, mode: '600' });
      const bytes = readFileSync(file);
      for (const secret of [RESIDENT, ID_NUMBER, PHONE, REGISTRY_SECRET, 'PRIVATE KEY', MANAGER.username]) expect({ name, secret, found: bytes.includes(Buffer.from(secret)) }).toEqual({ name, secret, found: false });
    }
    const db = openKioskDb(dir, { readonly: true });
    expect(db.prepare("SELECT value FROM kiosk_secrets WHERE name = 'compound-card-key'").get()).toEqual({ value: cardPem });
    expect(db.prepare('SELECT secret FROM sync_credentials').get()).toEqual({ secret: REGISTRY_SECRET });
    // The old rows are chained now, and the new ones follow them.
    expect(checkAuditLog(db)).toMatchObject({ problems: [] });
    expect((db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n).toBeGreaterThan(3);
    db.close();
  });
});

describe('a roster key that did not make the stored hashes (14.5)', () => {
  it('refuses to match by ID number when the key is lost, says what to do, and takes the backed-up key back', async () => {
    const { dir, rosterKey } = mainKiosk({ withRosterKey: false });
    kiosk = await startKiosk({ dataDir: dir });
    const call = await signIn(kiosk);
    const found = await call('roster.residents.find', { idNumber: ID_NUMBER });
    expect(found).toMatchObject({ ok: false, error: { code: 'storage', message: expect.stringMatching(/roster key is missing but 1 residents.*roster-id\.key.*new-roster-key/s) } });
    expect((await call('system.storage')).value).toMatchObject({ state: 'damaged', problems: [{ area: 'roster-key' }] });
    // Finding by household still works: the gate is not stuck.
    expect((await call('roster.residents.find', { household: '7-1-302' })).value.matches).toHaveLength(1);
    await kiosk.stop();

    // The backed-up key put back into the data folder is moved inside and matching works again.
    writeFileSync(path.join(dir, 'roster-id.key'), `${rosterKey.toString('hex')}\n`);
    kiosk = await startKiosk({ dataDir: dir });
    const again = await signIn(kiosk);
    expect((await again('roster.residents.find', { idNumber: ID_NUMBER })).value.matches.map((m: { resident: { name: string } }) => m.resident.name)).toEqual([RESIDENT]);
    expect((await again('system.storage')).value).toMatchObject({ state: 'ok' });
    expect(existsSync(path.join(dir, 'roster-id.key'))).toBe(false);
    await kiosk.stop();

    // From now on a check value is kept: a different key put back later is left where it is and not used.
    const db = openKioskDb(dir);
    db.prepare("DELETE FROM kiosk_secrets WHERE name = 'roster-id-key'").run();
    db.close();
    writeFileSync(path.join(dir, 'roster-id.key'), `${randomBytes(32).toString('hex')}\n`);
    kiosk = await startKiosk({ dataDir: dir });
    expect(await (await signIn(kiosk))('roster.residents.find', { idNumber: ID_NUMBER })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/roster-id\.key is not the roster key that made the 1 stored ID hashes/) } });
    expect(existsSync(path.join(dir, 'roster-id.key'))).toBe(true);
    await kiosk.stop();
    kiosk = null;
  });

  it('recognises a key replaced inside the database by its check value', async () => {
    const { dir } = mainKiosk();
    kiosk = await startKiosk({ dataDir: dir });
    await kiosk.stop();
    const db = openKioskDb(dir);
    db.prepare("UPDATE kiosk_secrets SET value = ? WHERE name = 'roster-id-key'").run(randomBytes(32).toString('hex'));
    db.close();
    kiosk = await startKiosk({ dataDir: dir });
    const call = await signIn(kiosk);
    expect(await call('roster.residents.find', { idNumber: ID_NUMBER })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not the one that made the stored ID hashes/) } });
    await kiosk.stop();
    kiosk = null;
  });
});
