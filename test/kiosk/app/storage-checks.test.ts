// The storage checks the composition root owns (14.6): the full integrity check off the gate's path finds a page
// overwritten while the kiosk runs and the manager is shown it; a broken audit chain is found at start; any call that
// meets a damaged page answers with its own error code.
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../src/kiosk/app/create-core.ts';
import { createAccounts } from '../../../src/kiosk/features/accounts/accounts.ts';
import { createDispatcher } from '../../../src/kiosk/platform/calls/dispatcher.ts';
import { openKioskDb } from '../../support/kiosk-db.ts';
import { seedEntries } from '../../support/seed-entries.ts';
import { tempDir } from '../../support/temp-dir.ts';

const MANAGER = { username: 'zhang', password: 'manager-secret-1' };

async function coreWithManager(dataDir: string) {
  const core = await createCore({ dataDir, log: () => {} });
  const accounts = createAccounts({ db: core.db });
  if (!accounts.hasManager()) await accounts.createUser({ username: MANAGER.username, displayName: '张经理', role: 'manager', password: MANAGER.password }, { name: 'setup', role: 'admin' });
  const { token } = await accounts.signIn(MANAGER, { source: 'loopback', local: true, via: 'http-loopback' });
  const manager = () => ({ via: 'http-loopback' as const, sessionToken: token });
  return { core, manager };
}

describe('storage checks', () => {
  it('finds a page overwritten under a running kiosk with the scheduled full check, and shows it to the manager', async () => {
    const data = tempDir('gate-kiosk-storage-');
    try {
      seedEntries(data.dir, { days: ['2026-11-29', '2026-11-30'], perDay: 2000 });
      const { core, manager } = await coreWithManager(data.dir);
      try {
        expect(await core.dispatch('system.storage', {}, manager())).toMatchObject({ ok: true, value: { state: 'ok', lastCheck: { kind: 'quick', ok: true }, problems: [], keyProtection: 'key-file' } });
        expect(await core.checkStorage()).toMatchObject({ state: 'ok', lastCheck: { kind: 'full', ok: true } });
        core.db.pragma('wal_checkpoint(TRUNCATE)');
        const file = path.join(data.dir, 'gate-kiosk.sqlite');
        const fd = openSync(file, 'r+');
        writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(statSync(file).size / 4096 / 2) * 4096);
        closeSync(fd);
        const status = await core.checkStorage();
        expect(status).toMatchObject({ state: 'damaged', lastCheck: { kind: 'full', ok: false }, problems: [{ area: 'database', message: expect.stringMatching(/full integrity check found damage.*restore the database from the last backup/s) }] });
        expect(await core.dispatch('system.storage', {}, manager())).toMatchObject({ ok: true, value: { state: 'damaged' } });
        // Only a manager sees it.
        expect(await core.dispatch('system.storage', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
      } finally {
        await core.close();
      }
    } finally {
      data.remove();
    }
  });

  it('finds at start an audit log whose chain was broken with the triggers dropped, and audits the finding', async () => {
    const data = tempDir('gate-kiosk-storage-');
    try {
      const first = await coreWithManager(data.dir);
      for (let i = 0; i < 3; i++) first.manager(); // each sign-in is audited
      await first.core.close();
      const db = openKioskDb(data.dir);
      db.exec('DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 2;');
      db.close();
      const { core, manager } = await coreWithManager(data.dir);
      try {
        const status = await core.dispatch('system.storage', {}, manager());
        expect(status).toMatchObject({ ok: true, value: { state: 'damaged', problems: [{ area: 'audit-chain', message: expect.stringMatching(/audit records 2\.\.2 are missing/) }] } });
        const audit = await core.dispatch('audit.list', { action: 'storage-problem', limit: 5 }, manager());
        expect(JSON.stringify(audit)).toMatch(/audit-chain/);
      } finally {
        await core.close();
      }
    } finally {
      data.remove();
    }
  });

  it('answers a damaged page met by any call with its own error code and what to do', async () => {
    const corrupt = Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' });
    const dispatch = createDispatcher({ 'entries.today': () => { throw corrupt; } } as never, { resolveSession: () => null, verifyCredentials: () => { throw new Error('no'); } });
    expect(await dispatch('entries.today', {})).toEqual({ ok: false, error: { code: 'corrupt', message: expect.stringMatching(/The kiosk database is damaged: entries\.today met a damaged page.*restore the database from the last backup/s), key: 'database-damaged' } });
  });
});
