// The ordered list of schema versions. Append only.
import type { Migration } from './migration.ts';
import { migration as entryLog } from './001-entry-log.ts';

export const migrations: readonly Migration[] = [entryLog];
