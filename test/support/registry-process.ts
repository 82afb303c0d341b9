// `gate-kiosk registry` as its own process, as a district runs it behind a balancer: plain HTTP on a given port,
// a PostgreSQL server, optionally a read replica. kill('SIGKILL') is the crash; the same port can be started again.
import { spawn, type ChildProcess } from 'node:child_process';
import { cli, repoRoot } from './kiosk.ts';

export interface RegistryProcess {
  url: string;
  port: number;
  child: ChildProcess;
  output(): string;
  /** Resolves with the signal that ended it (SIGKILL for kill -9), or its exit code. */
  exited: Promise<NodeJS.Signals | number | null>;
  stop(): Promise<void>;
}

export async function startRegistryProcess(options: {
  port: number;
  dataDir: string;
  databaseUrl: string;
  readDatabaseUrl?: string;
  adminToken: string;
}): Promise<RegistryProcess> {
  const args = [cli, 'registry', '--http', '--trust-proxy', '--port', String(options.port), '--data', options.dataDir, '--database-url', options.databaseUrl, '--admin-token', options.adminToken, '--district', 'Xuhui'];
  if (options.readDatabaseUrl) args.push('--read-database-url', options.readDatabaseUrl);
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`registry on port ${options.port} did not start:\n${output}`)), 90_000);
    const look = () => {
      const listening = /Registry listening on (http:\/\/\S+)/.exec(output);
      if (listening) {
        clearTimeout(timer);
        resolve(listening[1]!);
      }
    };
    child.stdout!.on('data', look);
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`registry on port ${options.port} ended (${how}) before listening:\n${output}`));
    });
  });
  return {
    url,
    port: options.port,
    child,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
