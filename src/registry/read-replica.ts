// The staff's figures can be read from a PostgreSQL streaming replica, so the pages never compete with ingest on the
// primary. The replica must hold this program's schema: right after a migration it may still be replaying it, so
// the registry waits for it a while before refusing to start.
import { SCHEMA_VERSION } from './schema.ts';
import { openPostgres, type Database } from './sql.ts';

export async function schemaVersion(db: Database): Promise<number | null> {
  try {
    const [row] = await db.query<{ version: number }>('SELECT version FROM registry_schema');
    return row?.version ?? null;
  } catch (error) {
    if ((error as { code?: string }).code === '42P01') return null; // no registry_schema yet: nothing replayed
    throw error;
  }
}

export async function openReadReplica(url: string, options: { waitMs?: number; sleep?: (ms: number) => Promise<void> } = {}): Promise<Database> {
  let db: Database;
  try {
    db = await openPostgres(url);
  } catch (error) {
    throw new Error(`cannot reach the read database (--read-database-url): ${(error as Error).message}`);
  }
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = Date.now() + (options.waitMs ?? 30_000);
  for (;;) {
    const version = await schemaVersion(db).catch(async (error: unknown) => {
      await db.close();
      throw error;
    });
    if (version === SCHEMA_VERSION) return db;
    if (version !== null && version > SCHEMA_VERSION) {
      await db.close();
      throw new Error(`the read database is at schema version ${version}, newer than this program (${SCHEMA_VERSION}): upgrade the registry program`);
    }
    if (Date.now() > deadline) {
      await db.close();
      throw new Error(
        `the read database has ${version === null ? 'no registry schema' : `schema version ${version}`}, this program needs ${SCHEMA_VERSION}: ` +
          'is --read-database-url a streaming replica of --database-url (pg_basebackup -R), and is it replaying?',
      );
    }
    await sleep(250);
  }
}
