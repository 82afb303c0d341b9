// The Electron bundle and the electron-builder configuration, checked without the Electron binary.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildElectron } from '../../build/bundle-electron.ts';
import { repoRoot } from '../support/kiosk.ts';
import { Worker } from 'node:worker_threads';
import { openKioskStore } from '../../src/kiosk/platform/store/open-store.ts';
import { tempDir } from '../support/temp-dir.ts';

const require = createRequire(import.meta.url);
const dist = path.join(repoRoot, 'dist/electron');

describe('Electron bundle', () => {
  beforeAll(async () => {
    await buildElectron();
  }, 120_000);

  it('builds the main process as ESM with native modules left outside', () => {
    const main = readFileSync(path.join(dist, 'main.js'), 'utf8');
    expect(main).toMatch(/from ['"]electron['"]/);
    expect(main).toMatch(/from ['"]better-sqlite3-multiple-ciphers['"]/);
    expect(main).not.toMatch(/from ['"]react['"]/);
  });

  it('builds the console worker beside main.js, and it answers a log page from an encrypted database', async () => {
    const file = path.join(dist, 'console-worker.js');
    expect(existsSync(file)).toBe(true);
    const temp = tempDir('gate-bundle-worker-');
    const store = openKioskStore(temp.dir);
    try {
      store.db.prepare("INSERT INTO entries (id, at, at_ms, local_day, direction, lane, code_status, code_checked_at, decision, reasons, volunteer) VALUES ('e1', '2026-03-01T01:00:00Z', ?, '2026-03-01', 'in', 'standard', 'green', '2026-03-01T01:00:00Z', 'pass', '[]', 'v')").run(Date.parse('2026-03-01T01:00:00Z'));
      const worker = new Worker(file, { workerData: { file: store.file, keyHex: store.key.toString('hex') } });
      try {
        const answer = await new Promise<any>((resolve, reject) => {
          worker.once('message', resolve);
          worker.once('error', reject);
          worker.postMessage({ id: 1, task: 'log.query', input: { filter: { from: '2026-03-01' }, offset: 0, limit: 10, feverLineC: 37.3 } });
        });
        expect(answer).toMatchObject({ id: 1, kind: 'done', output: { total: 1, rows: [{ id: 'e1' }] } });
      } finally {
        await worker.terminate();
      }
    } finally {
      store.db.close();
      temp.remove();
    }
  });

  it('builds the sandboxed preload as CommonJS that requires nothing but electron', () => {
    const preload = readFileSync(path.join(dist, 'preload.cjs'), 'utf8');
    const required = [...preload.matchAll(/require\(['"]([^'"]+)['"]\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(preload).toContain('exposeInMainWorld');
  });
});

describe('electron-builder configuration', () => {
  const config = require(path.join(repoRoot, 'build/electron-builder.config.cjs')) as Record<string, any>;

  it('packages the built app for Linux (AppImage, deb) and Windows (NSIS)', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.extraMetadata.main).toBe('dist/electron/main.js');
  });

  it('never rebuilds native modules and keeps them out of the asar', () => {
    expect(config.npmRebuild).toBe(false);
    for (const name of ['better-sqlite3', '@serialport', 'node-hid']) expect(config.asarUnpack.some((p: string) => p.includes(name))).toBe(true);
  });

  it('turns the risky fuses off and asar integrity on', () => {
    expect(config.electronFuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false, enableEmbeddedAsarIntegrityValidation: true, onlyLoadAppFromAsar: true });
  });

  it('refers only to files that exist', () => {
    expect(existsSync(path.join(repoRoot, config.deb.afterInstall))).toBe(true);
    for (const extra of config.extraResources) expect(existsSync(path.join(repoRoot, extra.from))).toBe(true);
  });

  it('uses only options electron-builder knows', () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as { properties: Record<string, unknown> };
    const known = Object.keys(schema.properties);
    expect(Object.keys(config).filter((key) => !known.includes(key))).toEqual([]);
  });
});
