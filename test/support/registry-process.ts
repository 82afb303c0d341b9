// Runs the real registry program (`gate-kiosk registry --http`) as a child process a test can kill -9 and start
// again on the same data: embedded PGlite in a folder, or a PostgreSQL server by URL.
import { spawn, type ChildProcess } from 'node:child_process';
import { ADMIN_TOKEN } from './registry-harness.ts';
import { cli, repoRoot } from './kiosk.ts';

export interface RegistryProcess {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startRegistryProcess(options: { dataDir: string; databaseUrl?: string }): Promise<RegistryProcess> {
  const args = [cli, 'registry', '--http', '--port', '0', '--data', options.dataDir, '--district', 'Xuhui', '--admin-token', ADMIN_TOKEN];
  if (options.databaseUrl) args.push('--database-url', options.databaseUrl);
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`registry did not start in 120 s:\n${output}`)), 120_000);
    const onData = () => {
      const listening = /Registry listening on (http:\/\/\S+)/.exec(output);
      if (listening && /District signing key: /.test(output)) {
        clearTimeout(timer);
        resolve(listening[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`registry exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    process: child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
