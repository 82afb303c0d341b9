// Prepared statements kept per connection, by their SQL: preparing a statement costs more than running a small
// query, and the gate's path (match, record, the status refresh) runs the same few queries for every person.
import type Database from 'better-sqlite3';

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** `db.prepare(sql)`, once per connection and SQL text; for fixed SQL only (never text built from input). */
export function prepared<P extends unknown[] | {} = unknown[], R = unknown>(db: Database.Database, sql: string): Database.Statement<P, R> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.prepare(sql)));
  return statement as unknown as Database.Statement<P, R>;
}
