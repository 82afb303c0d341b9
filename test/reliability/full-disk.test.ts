// Issue 14, measured from outside and kept: the data folder on a small file system of its own (a tmpfs, or a
// loop-mounted ext4 image where tmpfs cannot be mounted) that fills up while a real `gate-kiosk serve` records.
// Recording is refused with its own error key (the screen words it in the volunteer's language) and a message
// saying what to do; nothing acknowledged is lost; once space returns the next person is recorded, and after a
// restart every acknowledged entry is there once and the chain verifies.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKiosk, type RunningKiosk } from '../support/kiosk.ts';
import { readKioskLog } from '../support/kiosk-chain.ts';
import { fillDisk, mountSmallDisk } from '../support/small-disk.ts';
import { recordingClient, recordOne } from '../support/recording-clients.ts';
import { zh as errorsZh } from '../../renderer/i18n/messages.ts';
import { SLOW_START_MS, TEST_TIMEOUT_MS } from '../support/patience.ts';

/** Small enough to fill in a moment, large enough for the empty database, its WAL and a few hundred entries. */
const DISK_MB = 8;
/** People recorded before the disk fills; then at most this many more attempts until the kiosk refuses. */
const BEFORE_FULL = 20;
const MAX_ATTEMPTS_WHILE_FULL = 5_000;

const root = mkdtempSync(path.join(os.tmpdir(), 'gate-kiosk-full-disk-'));
const mountPoint = path.join(root, 'disk');
mkdirSync(mountPoint);
const disk = mountSmallDisk(mountPoint, DISK_MB);

describe.skipIf('skip' in disk)(`a full disk under the data folder (${'skip' in disk ? disk.skip : disk.how})`, () => {
  const dataDir = path.join(mountPoint, 'data');
  const filler = path.join(mountPoint, 'filler');
  let kiosk: RunningKiosk | null = null;
  beforeAll(() => mkdirSync(dataDir, { mode: 0o700 }));
  afterAll(async () => {
    await kiosk?.stop('SIGKILL');
    if (!('skip' in disk)) disk.unmount();
    rmSync(root, { recursive: true, force: true });
  });

  it('refuses to record with its own words and what to do, loses nothing, and records again once space returns', { timeout: TEST_TIMEOUT_MS }, async () => {
    kiosk = await startKiosk({ dataDir, readyTimeoutMs: SLOW_START_MS });
    const client = recordingClient();
    for (let i = 0; i < BEFORE_FULL; i++) expect((await recordOne(kiosk.url, client)).error).toBeUndefined();

    fillDisk(filler);
    // SQLite reuses the WAL's space until it has to grow it: record until the kiosk refuses.
    let refusal: { code: string; message: string; key?: string } | undefined;
    let attempts = 0;
    while (!refusal && attempts++ < MAX_ATTEMPTS_WHILE_FULL) {
      const answer = await recordOne(kiosk.url, client);
      expect(answer.answered).toBe(true);
      refusal = answer.error;
    }
    expect(refusal, `no refusal after ${MAX_ATTEMPTS_WHILE_FULL} people on a full disk`).toBeDefined();
    expect(refusal).toEqual({ code: 'storage', key: 'disk-full-not-recorded', message: expect.stringMatching(/disk is full.*NOT recorded.*Free disk space/s) });
    // The screen words the key in the volunteer's language.
    expect(errorsZh['error_disk-full-not-recorded']).toMatch(/^磁盘已满，这条没有记录。请清理磁盘/);
    // It stays refused while the disk is full, and says so the same way each time; reading the day still works.
    for (let i = 0; i < 5; i++) expect((await recordOne(kiosk.url, client)).error?.key).toBe('disk-full-not-recorded');
    const today = await kiosk.invoke<{ total: number }>('entries.today', {});
    expect(today.body.ok).toBe(true);
    expect(today.body.value!.total).toBe(client.acknowledged.size);

    rmSync(filler);
    const freed = performance.now();
    let after = await recordOne(kiosk.url, client);
    let retries = 0;
    // The first call after space returns may still meet the WAL SQLite could not grow; it must not take long.
    while (after.error && retries++ < 50) after = await recordOne(kiosk.url, client);
    const recoveredMs = performance.now() - freed;
    expect(after.error).toBeUndefined();
    expect(retries).toBeLessThan(50);
    for (let i = 0; i < 10; i++) expect((await recordOne(kiosk.url, client)).error).toBeUndefined();

    await kiosk.stop('SIGKILL');
    kiosk = await startKiosk({ dataDir, readyTimeoutMs: SLOW_START_MS });
    const log = readKioskLog(dataDir);
    expect(log.problems).toEqual([]);
    expect(log.entries).toBe(client.acknowledged.size);
    for (const [key, id] of client.acknowledged) expect({ key, stored: log.byKey.get(key) }).toEqual({ key, stored: [id] });
    console.log(
      `full disk: ${client.acknowledged.size} acknowledged, 0 lost; refused after ${attempts} people on the full disk (${client.refused.get('storage')} refusals, key disk-full-not-recorded); ` +
        `recorded again ${recoveredMs.toFixed(0)} ms after space returned (${retries} refused calls in between)`,
    );
  });
});
