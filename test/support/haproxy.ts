// Debian's HAProxy in front of registry processes, as a district would run it (here without TLS): round robin, no
// sticky sessions, health checks on /healthz, and a connection that fails to open retried on the other server.
// The stats socket tells the test which server is up and how many requests each took.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { freePort } from './postgres.ts';

export const HAPROXY = process.env.HAPROXY_BIN ?? '/usr/sbin/haproxy';

export const haproxyAvailable = () => existsSync(HAPROXY);

export interface ServerStats {
  name: string;
  /** UP, DOWN, or the check in progress ("UP 1/2", "DOWN 1/2"). */
  status: string;
  /** Requests now on this server, and in all. */
  current: number;
  total: number;
  /** Answers 5xx sent for this server, and requests it dropped mid-answer. */
  responses5xx: number;
  responseErrors: number;
}

export interface Balancer {
  url: string;
  servers(): Promise<ServerStats[]>;
  output(): string;
  stop(): Promise<void>;
}

function socketCommand(socket: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const c = createConnection(socket, () => c.end(`${command}\n`));
    c.on('data', (chunk) => (text += chunk.toString()));
    c.on('end', () => resolve(text));
    c.on('error', reject);
  });
}

export async function startHaproxy(dir: string, backends: Array<{ name: string; port: number }>): Promise<Balancer> {
  const port = await freePort();
  const socket = join(dir, 'haproxy.sock');
  const config = join(dir, 'haproxy.cfg');
  writeFileSync(
    config,
    [
      'global',
      `  stats socket ${socket} mode 600 level admin`,
      'defaults',
      '  mode http',
      '  timeout connect 2s',
      // Longer than the registry's own idle timeout (65 s), whose Keep-Alive header reaches the clients: a client
      // trusting it must not find the balancer closed the connection first (a reset on its next request).
      '  timeout client 75s',
      '  timeout http-keep-alive 75s',
      '  timeout server 60s',
      // Only a connection that could not be opened is tried again, on the other server (the request never arrived).
      // A request cut off mid-answer goes back to the kiosk as 502: it retries, and the registry's idempotency decides.
      '  retries 3',
      '  option redispatch',
      'frontend registry',
      `  bind 127.0.0.1:${port}`,
      '  default_backend registries',
      'backend registries',
      '  balance roundrobin',
      '  option httpchk GET /healthz',
      '  option forwardfor',
      '  default-server inter 300ms fall 2 rise 2',
      ...backends.map((b) => `  server ${b.name} 127.0.0.1:${b.port} check`),
      '',
    ].join('\n'),
  );
  let output = '';
  const child: ChildProcess = spawn(HAPROXY, ['-db', '-f', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const servers = async (): Promise<ServerStats[]> => {
    const csv = await socketCommand(socket, 'show stat');
    const [header, ...lines] = csv.trim().split('\n');
    const names = header!.replace(/^# /, '').split(',');
    const col = (row: string[], name: string) => row[names.indexOf(name)] ?? '';
    return lines
      .map((l) => l.split(','))
      .filter((row) => col(row, 'pxname') === 'registries' && col(row, 'svname') !== 'BACKEND')
      .map((row) => ({
        name: col(row, 'svname'),
        status: col(row, 'status'),
        current: Number(col(row, 'scur')),
        total: Number(col(row, 'stot')),
        responses5xx: Number(col(row, 'hrsp_5xx')),
        responseErrors: Number(col(row, 'eresp')),
      }));
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`haproxy exited ${child.exitCode}:\n${output}`);
    if (existsSync(socket) && (await servers().catch(() => [])).length === backends.length) break;
    if (Date.now() > deadline) throw new Error(`haproxy did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    servers,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
