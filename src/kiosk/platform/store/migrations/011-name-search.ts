// Search by name, household or plate without reading every row (issue 18: 4 s over 90 days). Names repeat: a
// compound's log of millions of rows holds a few thousand distinct names, households and plates. Each distinct text is
// kept once per kind (search_terms: a name, a household or a plate), with every one- and two-character piece of it (search_grams: a trigram index cannot
// match a two-character Chinese name such as 王明); a search finds the texts that contain it through their pieces,
// then the entries with those texts through one time-ordered index per column. Triggers keep both tables up to date
// as the gate records (a known name costs one lookup); a purge removes texts no entry holds any more.
// The statistics of a day read every row of it: the day index (migration 006) widens to carry the columns they add
// up, so they read the index alone and not the wide rows (the gate still updates one index for the day, not two).
// Never edit; add a new migration.
import type { Migration } from './migration.ts';

/** The longest text whose every piece is indexed (names and labels are far shorter; longer texts are still found by their first pieces). */
const POSITIONS = 256;
/** The searched columns and the kind of text each holds (1 name, 2 household, 3 plate). */
const COLUMNS = [['identity_name', 1], ['code_holder_name', 1], ['household_label', 2], ['plate', 3]] as const;

export const migration: Migration = {
  version: 11,
  name: 'name search index',
  up: (db) => {
    db.exec(`
      CREATE TABLE search_terms (
        id INTEGER PRIMARY KEY,
        kind INTEGER NOT NULL,         -- 1 a name (or a code holder's), 2 a household label, 3 a plate
        text TEXT NOT NULL,            -- as an entry holds it
        UNIQUE (kind, text)
      ) STRICT;
      CREATE TABLE search_grams (
        gram TEXT NOT NULL,            -- one or two characters of the text, ASCII letters in lower case
        term_id INTEGER NOT NULL,
        PRIMARY KEY (gram, term_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX search_grams_by_term ON search_grams (term_id);
      CREATE TABLE search_positions (n INTEGER PRIMARY KEY) STRICT;
      WITH RECURSIVE p(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM p WHERE n < ${POSITIONS}) INSERT INTO search_positions SELECT n FROM p;

      -- Fires only when a text is new (INSERT OR IGNORE skips known ones).
      CREATE TRIGGER search_term_grams AFTER INSERT ON search_terms BEGIN
        INSERT OR IGNORE INTO search_grams (gram, term_id) SELECT lower(substr(NEW.text, n, 1)), NEW.id FROM search_positions WHERE n <= length(NEW.text);
        INSERT OR IGNORE INTO search_grams (gram, term_id) SELECT lower(substr(NEW.text, n, 2)), NEW.id FROM search_positions WHERE n < length(NEW.text);
      END;
      CREATE TRIGGER search_term_gone AFTER DELETE ON search_terms BEGIN
        DELETE FROM search_grams WHERE term_id = OLD.id;
      END;
      ${['INSERT', `UPDATE OF ${COLUMNS.map(([c]) => c).join(', ')}`].map((event, i) => `
      CREATE TRIGGER entries_search_terms_${i} AFTER ${event} ON entries BEGIN
        INSERT OR IGNORE INTO search_terms (kind, text)
          SELECT kind, value FROM (${COLUMNS.map(([c, kind]) => `SELECT ${kind} AS kind, NEW.${c} AS value`).join(' UNION ALL ')}) WHERE value IS NOT NULL AND value <> '';
      END;`).join('')}
      ${COLUMNS.map(([c]) => `CREATE INDEX entries_${c}_time ON entries (${c}, at_ms) WHERE ${c} IS NOT NULL;`).join('\n      ')}

      DROP INDEX entries_day_time;
      CREATE INDEX entries_day_stats ON entries (local_day, at_ms, direction, decision, lane, body_c, shift_id, duration_ms, reasons);

      INSERT OR IGNORE INTO search_terms (kind, text)
        ${COLUMNS.map(([c, kind]) => `SELECT ${kind}, ${c} FROM entries WHERE ${c} IS NOT NULL AND ${c} <> ''`).join(' UNION ')};
    `);
  },
};
