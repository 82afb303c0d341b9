// The database key sealed by Electron's safeStorage (12.4), wired without the Electron binary: the shell hands its
// safeStorage to the core, the key record holds only the sealed key, and the database opens only with that sealer.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kioskCoreOptions } from '../../electron/main/core-options.ts';
import { createCore } from '../../src/kiosk/app/create-core.ts';
import type { SecretSealer } from '../../src/kiosk/app/core.ts';
import { keyFilePath } from '../../src/kiosk/platform/store/at-rest/key-protection.ts';
import { tempDir } from '../support/temp-dir.ts';

/** Stands in for the OS keyring: AES-GCM under a key only this "user session" holds. */
function fakeSafeStorage(backend = 'gnome_libsecret'): SecretSealer & { sealed: number } {
  const osKey = randomBytes(32);
  return {
    sealed: 0,
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => backend,
    encryptString(plain) {
      this.sealed += 1;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', osKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', osKey, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

const record = (dataDir: string) => JSON.parse(readFileSync(path.join(dataDir, 'database-key.json'), 'utf8'));

describe('the database key in Electron', () => {
  it('hands safeStorage to the core with the data folder', () => {
    const sealer = fakeSafeStorage();
    expect(kioskCoreOptions(['electron', '.', '--data=/srv/gate'], '/home/k/.config/gate-kiosk', sealer, undefined)).toMatchObject({ dataDir: '/srv/gate', keySealer: sealer });
    expect(kioskCoreOptions(['electron', '.'], '/home/k/.config/gate-kiosk', sealer, undefined).dataDir).toBe('/home/k/.config/gate-kiosk/data');
  });

  it('seals the key with safeStorage: no key file, and the database opens only with the same sealer', async () => {
    const data = tempDir('gate-kiosk-electron-');
    try {
      const sealer = fakeSafeStorage();
      const core = await createCore({ ...kioskCoreOptions([`--data=${data.dir}`], '/unused', sealer, undefined), log: () => {} });
      await core.close();
      const r = record(data.dir);
      expect(r).toMatchObject({ protection: 'safe-storage', sealedKey: expect.any(String) });
      expect(r.keyFile).toBeUndefined();
      expect(existsSync(keyFilePath(process.env.GATE_KIOSK_KEY_DIR!, r.databaseId))).toBe(false);
      expect(sealer.sealed).toBe(1);
      // The same user session opens it again.
      const again = await createCore({ dataDir: data.dir, keySealer: sealer, log: () => {} });
      await again.close();
      // The browser host (no safeStorage) and another session (another OS key) cannot.
      await expect(createCore({ dataDir: data.dir, log: () => {} })).rejects.toThrow(/sealed by the kiosk app .*Start the kiosk app \(gate-kiosk start\)/);
      await expect(createCore({ dataDir: data.dir, keySealer: fakeSafeStorage(), log: () => {} })).rejects.toThrow(/could not be unsealed.*opens only for the user and computer that created it/);
    } finally {
      data.remove();
    }
  });

  it("falls back to a key file outside the data folder when Linux has no keyring (safeStorage's basic_text)", async () => {
    const data = tempDir('gate-kiosk-electron-');
    try {
      const logs: string[] = [];
      const core = await createCore({ dataDir: data.dir, keySealer: fakeSafeStorage('basic_text'), log: (m) => logs.push(m) });
      await core.close();
      expect(record(data.dir)).toMatchObject({ protection: 'key-file', keyFile: expect.stringContaining(process.env.GATE_KIOSK_KEY_DIR!) });
      expect(logs.join('\n')).toMatch(/no keyring .* key file/);
    } finally {
      data.remove();
    }
  });
});
