// Issue 12.4 and 14.4-14.7 from outside: a real `gate-kiosk serve` process, its files read from the disk as a thief
// would (plain better-sqlite3, grep), killed and restarted, its database deleted, truncated, overwritten or made
// read-only, its key deleted. Every refusal says what is missing and what to do.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, openSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, repoRoot, startKiosk, type RunningKiosk } from '../support/kiosk.ts';
import { openKioskDb } from '../support/kiosk-db.ts';
import { seedRoster, SEED } from '../support/roster-seed.ts';
import { tempDir } from '../support/temp-dir.ts';

const NAME = '欧阳娜娜';
const PHONE = '13912345678';
const PLATE = '沪A12345';

function storage(...args: string[]) {
  return spawnSync(process.execPath, [cli, 'storage', ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
}

/** Starts a kiosk that should refuse: the process exits, and its output is the message a person reads. */
async function refusal(dataDir: string): Promise<string> {
  const error = await startKiosk({ dataDir }).then(
    async (k) => {
      await k.stop();
      throw new Error('the kiosk started but should have refused');
    },
    (e: Error) => e,
  );
  expect(error.message).toMatch(/kiosk exited with 1/);
  return error.message;
}

/** Every file in the folder, recursively. */
function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

let kiosk: RunningKiosk | null = null;
const temps: Array<{ remove(): void }> = [];
afterEach(async () => {
  await kiosk?.stop('SIGKILL');
  kiosk = null;
  for (const t of temps.splice(0)) t.remove();
});

/** A set-up kiosk (roster, accounts) with one visitor entry carrying a name, a phone and a plate; left running. */
async function kioskWithPeople(): Promise<RunningKiosk> {
  const data = tempDir('gate-kiosk-disk-');
  temps.push(data);
  seedRoster(data.dir, { full: true });
  kiosk = await startKiosk({ dataDir: data.dir });
  const signOn = await kiosk.invoke('shifts.signOn', { name: SEED.volunteers[0]!.username, pin: SEED.volunteers[0]!.pin });
  expect(signOn.body.ok, JSON.stringify(signOn.body)).toBe(true);
  const visitor = await kiosk.invoke<{ id: string }>('roster.visitors.register', { name: NAME, phone: PHONE, idNumber: '110101199003074514', household: '3-2-501', purpose: '探亲' });
  expect(visitor.body.ok, JSON.stringify(visitor.body)).toBe(true);
  const entry = await kiosk.invoke('entries.record', {
    direction: 'in',
    identity: {},
    person: { kind: 'visitor', visitorId: visitor.body.value!.id },
    plate: PLATE,
    code: { kind: 'manual', colour: 'green', why: 'phone shown' },
    temperature: { bodyC: 36.5, source: 'manual' },
    maskWorn: true,
  });
  expect(entry.body.ok, JSON.stringify(entry.body)).toBe(true);
  return kiosk;
}

describe('a stolen disk gives nothing away (12.4)', () => {
  it('keeps the data folder 0700, every file 0600, and no name, phone, plate or key in clear on the disk', async () => {
    const k = await kioskWithPeople();
    const files = filesIn(k.dataDir);
    // While it runs (WAL and SHM present) and after a kill: what a thief copies.
    expect(files.map((f) => path.basename(f))).toEqual(expect.arrayContaining(['gate-kiosk.sqlite', 'gate-kiosk.sqlite-wal', 'gate-kiosk.sqlite-shm', 'database-key.json']));
    expect(statSync(k.dataDir).mode & 0o777).toBe(0o700);
    for (const file of files) expect({ file, mode: (statSync(file).mode & 0o777).toString(8) }).toEqual({ file, mode: '600' });
    await k.stop('SIGKILL');
    kiosk = null;
    const keyFile = JSON.parse(readFileSync(path.join(k.dataDir, 'database-key.json'), 'utf8')).keyFile as string;
    expect(path.relative(k.dataDir, keyFile).startsWith('..')).toBe(true);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = readFileSync(keyFile, 'utf8').trim();
    for (const file of filesIn(k.dataDir)) {
      const bytes = readFileSync(file);
      for (const secret of [NAME, PHONE, PLATE, '110101199003074514', SEED.resident, SEED.plate, key]) expect({ file, found: bytes.includes(Buffer.from(secret)) }).toEqual({ file, found: false });
    }
    // Plain SQLite (no key) sees no database at all.
    const plain = new Database(path.join(k.dataDir, 'gate-kiosk.sqlite'), { readonly: true });
    expect(() => plain.prepare('SELECT count(*) FROM entries').get()).toThrow(/not a database/);
    plain.close();
    // With the key from outside the folder, everything is there: the kiosk keeps its data across a kill -9.
    kiosk = await startKiosk({ dataDir: k.dataDir });
    const today = await kiosk.invoke<{ total: number }>('entries.today', {});
    expect(today.body.value?.total).toBe(1);
  });

  it('refuses to start without its key, saying which file to restore', async () => {
    const k = await kioskWithPeople();
    await k.stop();
    kiosk = null;
    const keyFile = JSON.parse(readFileSync(path.join(k.dataDir, 'database-key.json'), 'utf8')).keyFile as string;
    const saved = readFileSync(keyFile);
    rmSync(keyFile);
    expect(await refusal(k.dataDir)).toMatch(new RegExp(`database key file ${keyFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is missing.*Restore the key file from your backup`, 's'));
    writeFileSync(keyFile, `${'ab'.repeat(32)}\n`, { mode: 0o600 });
    expect(await refusal(k.dataDir)).toMatch(/database key does not open/);
    writeFileSync(keyFile, saved, { mode: 0o600 });
    rmSync(path.join(k.dataDir, 'database-key.json'));
    expect(await refusal(k.dataDir)).toMatch(/encrypted but .*database-key\.json .* is missing\. Restore database-key\.json and the key file/);
  });
});

describe('a lost database is not silently replaced (14.4)', () => {
  it.each([
    ['deleted', (file: string) => rmSync(file), /gate-kiosk\.sqlite is missing, but .*database-key\.json says a database was created here/s],
    ['truncated to 0 bytes', (file: string) => truncateSync(file, 0), /gate-kiosk\.sqlite is empty \(0 bytes\)/],
  ])('refuses to start when the database is %s, says how to restore and how to start over', async (_what, damage, message) => {
    const k = await kioskWithPeople();
    await k.stop('SIGKILL');
    kiosk = null;
    const file = path.join(k.dataDir, 'gate-kiosk.sqlite');
    for (const f of [`${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    damage(file);
    const said = await refusal(k.dataDir);
    expect(said).toMatch(message);
    expect(said).toMatch(/Restore gate-kiosk\.sqlite \(with database-key\.json and its key\) from your backup/);
    expect(said).toMatch(/gate-kiosk storage start-over --data .* --reason/);

    // Starting over is deliberate: a reason, the old files moved aside (never deleted), and an audit record.
    expect(storage('start-over', '--data', k.dataDir).stderr).toMatch(/needs --reason/);
    const over = storage('start-over', '--data', k.dataDir, '--reason', 'disk replaced after a power cut');
    expect(over.status, over.stderr).toBe(0);
    expect(over.stdout).toMatch(/Started over with an empty database.*enrol it again/s);
    const aside = readdirSync(k.dataDir).find((n) => n.startsWith('replaced-'))!;
    expect(readdirSync(path.join(k.dataDir, aside))).toContain('database-key.json');
    kiosk = await startKiosk({ dataDir: k.dataDir });
    expect((await kiosk.invoke<{ total: number }>('entries.today', {})).body.value?.total).toBe(0);
    await kiosk.stop();
    kiosk = null;
    const db = openKioskDb(k.dataDir, { readonly: true });
    expect(db.prepare("SELECT action, detail FROM audit_log WHERE action = 'storage-start-over'").get()).toMatchObject({ action: 'storage-start-over', detail: expect.stringContaining('disk replaced after a power cut') });
    expect(db.prepare('SELECT reason, reported_at FROM sync_chain_restarts').all()).toEqual([{ reason: 'disk replaced after a power cut', reported_at: null }]);
    db.close();
  });

  it('starts a brand-new kiosk in an empty folder', async () => {
    const data = tempDir('gate-kiosk-disk-');
    temps.push(data);
    kiosk = await startKiosk({ dataDir: data.dir });
    expect(kiosk.output()).toMatch(/created a new encrypted database/);
  });
});

describe('damage is noticed (14.6, 14.7)', () => {
  it.each([['the last page', (pages: number) => pages - 1], ['a middle page', (pages: number) => Math.floor(pages / 2)]])('refuses a database with %s overwritten, with its own message', async (_which, pageOf) => {
    const k = await kioskWithPeople();
    await k.stop();
    kiosk = null;
    const file = path.join(k.dataDir, 'gate-kiosk.sqlite');
    const pages = statSync(file).size / 4096;
    expect(pages).toBeGreaterThan(4);
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, pageOf(pages) * 4096);
    closeSync(fd);
    expect(await refusal(k.dataDir)).toMatch(/The kiosk database is damaged: .*restore the database from the last backup/s);
  });

  it('refuses a read-only database at start instead of looking ready', async () => {
    const k = await kioskWithPeople();
    await k.stop();
    kiosk = null;
    const file = path.join(k.dataDir, 'gate-kiosk.sqlite');
    chmodSync(file, 0o444);
    expect(await refusal(k.dataDir)).toMatch(/gate-kiosk\.sqlite is read-only, so no entry could be recorded\. Make it writable for the kiosk user \(chmod 600/);
    chmodSync(file, 0o600);
    kiosk = await startKiosk({ dataDir: k.dataDir });
    expect(existsSync(file)).toBe(true);
  });
});

describe('a retried record after a lost answer (14.7)', () => {
  it('answers with the entry already recorded instead of recording the person twice', async () => {
    const data = tempDir('gate-kiosk-disk-');
    temps.push(data);
    kiosk = await startKiosk({ dataDir: data.dir });
    const facts = { direction: 'in', identity: { name: '张三' }, code: { kind: 'manual', colour: 'green', why: 'phone shown' }, temperature: { bodyC: 36.4, source: 'manual' }, maskWorn: true, idempotencyKey: 'person-0001-abcdef' };
    // The first answer is lost: the connection is cut as soon as the request is out.
    const lost = new AbortController();
    const first = fetch(`${kiosk.url}api/invoke/entries.record`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(facts), signal: lost.signal });
    await new Promise((r) => setTimeout(r, 0));
    lost.abort();
    await first.catch(() => undefined);
    const retry = await kiosk.invoke<{ id: string }>('entries.record', facts);
    const again = await kiosk.invoke<{ id: string }>('entries.record', facts);
    expect(retry.body.ok).toBe(true);
    expect(again.body.value!.id).toBe(retry.body.value!.id);
    const today = await kiosk.invoke<{ total: number; entries: Array<{ id: string }> }>('entries.today', {});
    expect(today.body.value!.total).toBe(1);
    expect(today.body.value!.entries[0]!.id).toBe(retry.body.value!.id);
    // Another person (another key) is another row.
    await kiosk.invoke('entries.record', { ...facts, idempotencyKey: 'person-0002-abcdef' });
    expect((await kiosk.invoke<{ total: number }>('entries.today', {})).body.value!.total).toBe(2);
    expect((await kiosk.invoke('entries.record', { ...facts, idempotencyKey: 'bad key!' })).body).toMatchObject({ ok: false, error: { code: 'bad-input' } });
  });
});

describe("the owner's storage tools", () => {
  it('checks the database and the audit chain, and makes a new roster key on purpose (audited)', async () => {
    const k = await kioskWithPeople();
    await k.stop();
    kiosk = null;
    const check = storage('check', '--data', k.dataDir);
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/database .*: ok\naudit log: \d+ records, chain intact\nkey: key file /);
    expect(storage('new-roster-key', '--data', k.dataDir).stderr).toMatch(/needs --reason/);
    const replaced = storage('new-roster-key', '--data', k.dataDir, '--reason', 'roster key lost with the old PC');
    expect(replaced.status, replaced.stderr).toBe(0);
    expect(replaced.stdout).toMatch(/2 stored ID hashes were cleared/);
    const db = openKioskDb(k.dataDir, { readonly: true });
    try {
      expect(db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'roster-key-replaced'").get()).toEqual({ n: 1 });
      expect(db.prepare('SELECT count(*) AS n FROM residents WHERE id_hash IS NOT NULL').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});
