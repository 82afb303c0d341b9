// `gate-kiosk registry --http` as its own process, as a district runs it (behind a balancer, or alone): embedded
// PGlite in a folder or a PostgreSQL server by URL, optionally a read replica. kill -9 is the crash; the same data
// (and port) can be started again.
import { spawn, type ChildProcess } from 'node:child_process';
import { ADMIN_TOKEN } from './registry-harness.ts';
import { cli, repoRoot } from './kiosk.ts';

export interface RegistryProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** The same child (older name). */
  process: ChildProcess;
  output(): string;
  /** Resolves with the signal that ended it (SIGKILL for kill -9), or its exit code. */
  exited: Promise<NodeJS.Signals | number | null>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startRegistryProcess(options: {
  dataDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  databaseUrl?: string;
  readDatabaseUrl?: string;
  adminToken?: string;
  /** Behind a balancer: the caller's address comes from X-Forwarded-For. */
  trustProxy?: boolean;
}): Promise<RegistryProcess> {
  const args = [cli, 'registry', '--http', '--port', String(options.port ?? 0), '--data', options.dataDir, '--district', 'Xuhui', '--admin-token', options.adminToken ?? ADMIN_TOKEN];
  if (options.trustProxy) args.push('--trust-proxy');
  if (options.databaseUrl) args.push('--database-url', options.databaseUrl);
  if (options.readDatabaseUrl) args.push('--read-database-url', options.readDatabaseUrl);
  const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`registry did not start in 90 s:\n${output}`)), 90_000);
    const look = () => {
      const listening = /Registry listening on (http:\/\/\S+)/.exec(output);
      // The signing key line comes last: once it is out, the registry has finished starting.
      if (listening && /District signing key: /.test(output)) {
        clearTimeout(timer);
        resolve(listening[1]!);
      }
    };
    child.stdout!.on('data', look);
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`registry ended (${how}) before listening:\n${output}`));
    });
  });
  return {
    url,
    port: Number(new URL(url).port),
    child,
    process: child,
    output: () => output,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
