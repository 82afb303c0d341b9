// The console's filters of one day (refused, fevers, visitors coming in, a reason) read the day index alone instead
// of every row of the day (issue 18: 65–97 ms for a day of 50,000): the day index gains the person kind, the last
// column a filter tests that it lacked. The (local_day, at_ms) index of migration 003 is that index's first two
// columns over again, so it goes: one index fewer for every entry the gate records. Never edit; add a new migration.
import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 13,
  name: 'day filter index',
  up: (db) => {
    db.exec(`
      DROP INDEX entries_day_stats;
      CREATE INDEX entries_day_stats ON entries (local_day, at_ms, direction, decision, lane, body_c, shift_id, duration_ms, reasons, person_kind);
      DROP INDEX entries_by_day_time;
    `);
  },
};
