// One small SQL interface over embedded PGlite and a real PostgreSQL server, so the registry runs the same SQL on both.
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Several statements without parameters (schema scripts). */
  exec(text: string): Promise<void>;
  /** Rows in COPY's text format (one line each, tab-separated, escaped) into the columns of a table; resolves to
   * the number of rows stored. Table and columns are the program's own names, never input. */
  copyRows(table: string, columns: readonly string[], rows: string): Promise<number>;
}

export interface Database extends Sql {
  /** Runs fn in one transaction: committed when fn resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  readonly engine: 'pglite' | 'postgres';
}

/** Embedded PostgreSQL in a folder (or in memory when dataDir is undefined). */
export async function openPglite(dataDir?: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = dataDir ? new PGlite(dataDir) : new PGlite();
  await db.waitReady;
  const wrap = (q: { query: typeof db.query; exec: typeof db.exec }): Sql => ({
    async query<T>(text: string, params?: unknown[]) {
      return (await q.query<T>(text, params)).rows;
    },
    async exec(text: string) {
      await q.exec(text);
    },
    async copyRows(table, columns, rows) {
      // PGlite reads COPY data from a blob it is handed as the file /dev/blob.
      const result = await q.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], { blob: new Blob([rows]) });
      return result.affectedRows ?? 0;
    },
  });
  // PGlite has one session and queues work behind an open transaction, which is the isolation we need.
  return {
    engine: 'pglite',
    ...wrap(db),
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    close: () => db.close(),
  };
}

/** A real server through a connection pool. */
export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  // A kiosk deletes its copy of a batch once the registry answers: the commit must be on disk before that answer,
  // whatever the server's own setting (with synchronous_commit off a server crash loses acknowledged batches).
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: '-c synchronous_commit=on' });
  // Fail at start with the server's own message rather than on the first request.
  const probe = await pool.connect();
  probe.release();
  pool.on('error', () => {
    // An idle client lost its server; the pool replaces it on next use.
  });
  const copyOn = (client: pg.PoolClient, table: string, columns: readonly string[], rows: string) =>
    new Promise<number>((resolve, reject) => {
      const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
      stream.on('error', reject);
      stream.on('finish', () => resolve(stream.rowCount));
      stream.end(rows);
    });
  const wrap = (c: pg.Pool | pg.PoolClient): Sql => ({
    async query<T>(text: string, params?: unknown[]) {
      return (await c.query(text, params as unknown[])).rows as T[];
    },
    async exec(text: string) {
      await c.query(text);
    },
    async copyRows(table, columns, rows) {
      if (!(c instanceof pg.Pool)) return copyOn(c, table, columns, rows);
      const client = await c.connect();
      try {
        return await copyOn(client, table, columns, rows);
      } finally {
        client.release();
      }
    },
  });
  return {
    engine: 'postgres',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      // The pool listens to idle clients only: a checked-out one whose server goes away between two queries emits
      // 'error' with nobody listening, and that ended the registry process. Keep it, and discard the client.
      let lost: Error | undefined;
      const onError = (error: Error) => void (lost = error);
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.off('error', onError);
        client.release(lost);
      }
    },
    close: () => pool.end(),
  };
}

export function openDatabase(options: { databaseUrl?: string; dataDir?: string }): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.dataDir);
}
