// The console's log pages newest first. Without these, every filter sorted all matching rows of the period (a
// temporary B-tree) before handing over 500: 4 s over 90 days. Each index below lets one common filter walk its
// rows in at_ms order and stop after the page. The reason and fever indexes are partial: they hold only refusals
// (reasons <> '[]') and temperatures at or above 37.0 (the lowest fever line a policy may set is 36.5, so queries with
// a line of 37.0 or more add that literal term to use it), so they stay small.
import type { Migration } from './migration.ts';

export const migration: Migration = {
  version: 6,
  name: 'log indexes in time order',
  up: (db) => {
    db.exec(`
      CREATE INDEX entries_day_time ON entries (local_day, at_ms);
      CREATE INDEX entries_decision_time ON entries (decision, at_ms);
      CREATE INDEX entries_direction_time ON entries (direction, at_ms);
      CREATE INDEX entries_lane_time ON entries (lane, at_ms);
      CREATE INDEX entries_person_time ON entries (person_kind, at_ms);
      CREATE INDEX entries_reasons_time ON entries (at_ms, reasons) WHERE reasons <> '[]';
      CREATE INDEX entries_fever_time ON entries (at_ms, body_c) WHERE body_c >= 37.0;
    `);
  },
};
