// A throwaway PostgreSQL server for tests: Debian's postgresql binaries, a temp cluster, a random loopback port.
// PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user.
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export const POSTGRES_BIN = process.env.POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';

export interface TestPostgres {
  /** Connection URL of the `postgres` database (superuser, trust auth on loopback). */
  url: string;
  port: number;
  /** A fresh, empty database on this server; returns its URL. */
  createDatabase(): Promise<string>;
  /** Stops the server the hard way (immediate: no checkpoint, crash recovery at the next start) and starts it again
   * on the same port, as a crashed database server coming back. */
  crashAndRestart(): Promise<void>;
  /** A hot standby of this server on its own port: pg_basebackup -R, then streaming replication. */
  startStandby(): Promise<TestStandby>;
  stop(): Promise<void>;
}

export interface TestStandby {
  port: number;
  /** The URL of database `name` on the standby (read-only). */
  urlOf(name: string): string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function postgresAvailable(): boolean {
  return existsSync(join(POSTGRES_BIN, 'initdb'));
}

export async function startPostgres(): Promise<TestPostgres> {
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'gate-pg-'));
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const pgRun = (bin: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', join(POSTGRES_BIN, bin), ...args]) : run(join(POSTGRES_BIN, bin), args));
  const data = join(dir, 'data');
  await pgRun('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  let port = 0;
  let opts = '';
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    // Durability is not under test here; fsync off keeps a 2-core CI machine quick.
    opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100`;
    try {
      await pgRun('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', opts, '-w', '-t', '60', 'start']);
      break;
    } catch (error) {
      if (attempt >= 2) {
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let counter = 0;
  const standbys: Array<() => Promise<void>> = [];
  return {
    url,
    port,
    async startStandby() {
      const copy = join(dir, `standby-${standbys.length + 1}`);
      // initdb's pg_hba.conf lets 127.0.0.1 replicate with trust; -R writes primary_conninfo and standby.signal.
      await pgRun('pg_basebackup', ['-D', copy, '-R', '-X', 'stream', '-c', 'fast', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres']);
      const standbyPort = await freePort();
      const opts = `-p ${standbyPort} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c hot_standby=on -c hot_standby_feedback=on`;
      await pgRun('pg_ctl', ['-D', copy, '-l', join(dir, `standby-${standbys.length + 1}.log`), '-o', opts, '-w', '-t', '60', 'start']);
      const stop = async () => {
        await pgRun('pg_ctl', ['-D', copy, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      };
      standbys.push(stop);
      return { port: standbyPort, urlOf: (name) => `postgres://postgres@127.0.0.1:${standbyPort}/${name}`, stop };
    },
    async createDatabase() {
      const name = `t${process.pid}_${++counter}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async crashAndRestart() {
      await pgRun('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      await pgRun('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', opts, '-w', '-t', '60', 'start']);
    },
    async stop() {
      for (const stopStandby of standbys) await stopStandby();
      await pgRun('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
