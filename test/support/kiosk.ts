// Starts the real browser host (`gate-kiosk serve`) as a child process on a free port with its own data folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from './temp-dir.ts';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const cli = path.join(repoRoot, 'src/cli/gate-kiosk.ts');

export interface RunningKiosk {
  url: string;
  dataDir: string;
  process: ChildProcess;
  output: () => string;
  /** Calls a method over HTTP exactly as the screen does. */
  invoke<T = unknown>(method: string, input?: unknown): Promise<{ status: number; body: { ok: boolean; value?: T; error?: { code: string; message: string } } }>;
  /** SIGTERM and wait; `kill('SIGKILL')` simulates a crash. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  remove(): void;
}

export async function startKiosk(options: { config?: Record<string, unknown>; dataDir?: string; env?: Record<string, string>; args?: string[]; readyTimeoutMs?: number } = {}): Promise<RunningKiosk> {
  const temp = options.dataDir ? null : tempDir('gate-kiosk-e2e-');
  const dataDir = options.dataDir ?? temp!.dir;
  if (options.config) writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify(options.config));
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--data', dataDir, ...(options.args ?? [])], { cwd: repoRoot, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const readyMs = options.readyTimeoutMs ?? 30_000;
    const timer = setTimeout(() => reject(new Error(`kiosk did not start in ${readyMs / 1000} s:\n${output}`)), readyMs);
    const onData = () => {
      const match = /Kiosk ready at (https?:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kiosk exited with ${code}:\n${output}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    dataDir,
    process: child,
    output: () => output,
    async invoke(method, input = {}) {
      const response = await fetch(`${url}api/invoke/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
      return { status: response.status, body: (await response.json()) as never };
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
    remove: () => temp?.remove(),
  };
}
