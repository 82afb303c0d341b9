// `gate-kiosk sync flush` with a big backlog against a real registry on 127.0.0.1 (PGlite): the command line shows
// the upload moving, ends with what the registry holds, and every entry arrives once.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolKiosk } from '../../src/kiosk/features/sync/enrol.ts';
import { enqueueFields } from '../../src/kiosk/features/sync/outbox.ts';
import { openStore } from '../../src/kiosk/platform/store/open-store.ts';
import type { RunningRegistry } from '../../src/registry/server.ts';
import type { Database } from '../../src/registry/sql.ts';
import { cli, repoRoot } from '../support/kiosk.ts';
import { pgliteBackend } from '../support/registry-backends.ts';
import { enrolmentCode, testRegistry } from '../support/registry-harness.ts';
import { entryFields } from '../support/sync-fixtures.ts';
import { tempDir } from '../support/temp-dir.ts';

const BACKLOG = 12_000;

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: repoRoot, env: process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('gate-kiosk sync flush', { timeout: 180_000 }, () => {
  const backend = pgliteBackend();
  const temp = tempDir('sync-cli-');
  let db: Database;
  let registry: RunningRegistry;

  beforeAll(async () => {
    db = await backend.open();
    registry = await testRegistry(db);
  }, 120_000);
  afterAll(async () => {
    await registry?.close();
    await backend.close();
    temp.remove();
  });

  it('uploads a week-sized backlog showing how far it has got, then says up to when the registry has it', async () => {
    const store = openStore(temp.dir);
    await enrolKiosk({ db: store, registryUrl: registry.url, code: await enrolmentCode(registry.url, 'c-backlog'), kioskName: 'Gate 1', allowInsecureHttp: true });
    const start = Date.now() - 7 * 86_400_000;
    store.transaction(() => {
      for (let i = 0; i < BACKLOG; i++) enqueueFields(store, entryFields({}, start + i * 50_000));
    })();
    store.close();

    const run = await runCli(['sync', 'flush', '--data', temp.dir]);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    const progress = lines.flatMap((l) => {
      const m = /^uploaded ([\d,]+) of ([\d,]+) \((\d+)%\)$/.exec(l);
      return m ? [{ sent: Number(m[1]!.replace(/,/g, '')), total: Number(m[2]!.replace(/,/g, '')), percent: Number(m[3]) }] : [];
    });
    expect(progress[0]).toEqual({ sent: 0, total: BACKLOG, percent: 0 });
    expect(progress.at(-1)).toEqual({ sent: BACKLOG, total: BACKLOG, percent: 100 });
    // Figures in between, only ever going up: the backlog went up batch by batch, and each tenth was said once.
    expect(progress.length).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.sent).toBeGreaterThan(progress[i - 1]!.sent);
    expect(lines.at(-1)).toMatch(/up to \d\d:\d\d/);
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM entries'))[0]!.n).toBe(BACKLOG);
  });

  it('refuses a folder that holds sample data, and bad arguments, saying what to do', async () => {
    const sample = tempDir('sync-cli-sample-');
    writeFileSync(path.join(sample.dir, 'sample-data.json'), '{}');
    const refused = await runCli(['sync', 'flush', '--data', sample.dir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/holds sample data: nothing is sent to the registry until it is removed/);
    sample.remove();
    expect((await runCli(['sync', 'flush', '--timeout', 'soon'])).stderr).toMatch(/--timeout must be a whole number/);
    expect((await runCli(['sync', 'push'])).stderr).toMatch(/Usage: gate-kiosk sync flush/);
  });
});
