// `gate-kiosk start` (npm start): build what is missing, then run the Electron kiosk, or the browser host where Electron cannot be had.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { findElectronBinary } from '../kiosk/app/host/electron-binary.ts';
import { defaultDataDir, electronDist, packageRoot, rendererDist } from '../kiosk/app/paths.ts';
import { runBrowserHost } from '../kiosk/app/host/run-browser-host.ts';
import { parseCommandArgs } from './parse-args.ts';

const help = `Usage: gate-kiosk start [--data DIR] [--port N] [--browser]

Runs the kiosk. Uses Electron when its binary is available; otherwise serves the same
kiosk on http://127.0.0.1:N/ for a browser in kiosk mode.
  --data DIR   data folder (default ./data)
  --port N     port for the browser host (default 8420)
  --browser    skip Electron and serve the browser host`;

async function buildRendererIfMissing(): Promise<void> {
  if (existsSync(path.join(rendererDist, 'index.html'))) return;
  const { build } = await import('vite');
  console.log('Building the kiosk screen (first start) ...');
  await build({ configFile: path.join(packageRoot, 'build/vite.renderer.config.ts'), logLevel: 'warn' });
}

async function buildElectronIfMissing(): Promise<void> {
  if (existsSync(path.join(electronDist, 'main.js'))) return;
  const { buildElectron } = await import('../../build/bundle-electron.ts');
  await buildElectron();
}

export async function run(args: string[]): Promise<number> {
  const parsed = parseCommandArgs(args, { data: { type: 'string' }, port: { type: 'string', default: '8420' }, browser: { type: 'boolean', default: false } }, help);
  if (!parsed) return 0;
  const dataDir = path.resolve(parsed.values.data ?? defaultDataDir);
  try {
    await buildRendererIfMissing();
    const electron = parsed.values.browser ? ({ found: false, why: '--browser was given' } as const) : findElectronBinary();
    if (electron.found) {
      await buildElectronIfMissing();
      const child = spawn(electron.path, [path.join(electronDist, 'main.js'), `--data=${dataDir}`], { stdio: 'inherit' });
      return await new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
    }
    console.log(`Electron is not available here (${electron.why}); serving the same kiosk through the browser host instead.`);
    const host = await runBrowserHost({ port: Number(parsed.values.port), dataDir });
    console.log(`Kiosk ready at ${host.url} — open it in a browser (for a kiosk: chromium --kiosk ${host.url}). Data in ${dataDir}.`);
    return 0;
  } catch (error) {
    console.error(`gate-kiosk start: ${(error as Error).message}`);
    return 1;
  }
}
