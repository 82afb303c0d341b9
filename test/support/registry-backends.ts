// The two storage engines every registry and sync test runs against: embedded PGlite and a real PostgreSQL server.
import { openPglite, openPostgres, type Database } from '../../src/registry/sql.ts';
import { migrate } from '../../src/registry/schema.ts';
import { forgetPartitions } from '../../src/registry/partitions.ts';
import { startPostgres, type TestPostgres } from './postgres.ts';

export interface Backend {
  name: string;
  /** Opens (once per file) and returns a migrated, empty database. */
  open(): Promise<Database>;
  /** Empties it between tests. */
  reset(db: Database): Promise<void>;
  /** Another connection to the same data, for a registry "restarted" against the same database. */
  reopen?(): Promise<Database>;
  close(): Promise<void>;
}

async function wipe(db: Database): Promise<void> {
  await db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  forgetPartitions(db);
  await migrate(db);
}

export function pgliteBackend(): Backend {
  let db: Database | null = null;
  return {
    name: 'embedded PGlite',
    async open() {
      db = await openPglite();
      await migrate(db);
      return db;
    },
    reset: wipe,
    async close() {
      await db?.close();
    },
  };
}

export function postgresBackend(): Backend {
  let server: TestPostgres | null = null;
  let url = '';
  const open: Database[] = [];
  return {
    name: 'PostgreSQL server',
    async open() {
      server = await startPostgres();
      url = await server.createDatabase();
      const db = await openPostgres(url);
      open.push(db);
      await migrate(db);
      return db;
    },
    reset: wipe,
    async reopen() {
      const db = await openPostgres(url);
      open.push(db);
      return db;
    },
    async close() {
      for (const db of open) await db.close().catch(() => undefined);
      await server?.stop();
    },
  };
}

export const backends = (): Backend[] => [pgliteBackend(), postgresBackend()];
