import type { Database } from 'better-sqlite3';

/** One schema version. Versions only increase; each runs inside the migration transaction. */
export interface Migration {
  version: number;
  name: string;
  up: (db: Database) => void;
}
