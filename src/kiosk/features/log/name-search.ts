// Which names, households and plates a search matches, found through the index of distinct texts and their one- and
// two-character pieces (migration 012) instead of reading every entry: "王明" is one piece, "12-2-" is four. The
// pieces narrow the texts down; LIKE on those few texts keeps the answer exactly the old LIKE '%text%' over the rows.
import type { Db } from '../../platform/store/open-store.ts';

type Statement = { all(...params: unknown[]): unknown[] };

/** More matching texts of one kind than this (a search for "1" among plates) is served by walking the log in time
 * order instead: with that many texts the matches are common, so the walk finds a page quickly. */
export const MAX_TERMS = 5_000;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
/** SQLite's lower() folds ASCII letters only; the pieces are made with it, so the search folds the same way. */
const asciiLower = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** The pieces to look up: one for a single character, else every distinct pair of neighbouring characters. */
export function piecesOf(text: string): string[] {
  const chars = [...asciiLower(text)];
  if (chars.length === 1) return chars;
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) pairs.add(chars[i]! + chars[i + 1]!);
  return [...pairs];
}

/** Plates are kept upper-case without spaces or dots: 京A 12345 is searched as 京A12345 too. */
export const plateForm = (search: string) => search.toUpperCase().replace(/[\s.·]/g, '');

/** The texts a search matches, by the column kind that holds them (names also serve the code holder's name). */
export interface SearchMatches {
  names: string[];
  households: string[];
  plates: string[];
}
export type NameSearch = (search: string) => SearchMatches | null;

const KIND = { names: 1, households: 2, plates: 3 } as const;

/**
 * The texts that contain the search, or null when the index cannot serve it (no index in this schema, or too many
 * texts match): the caller then falls back to LIKE over the rows.
 */
export function createNameSearch(db: Db): NameSearch {
  const indexed = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_terms'").get() !== undefined;
  if (!indexed) return () => null;
  const statements = new Map<number, Statement>();
  const statementFor = (pieces: number) => {
    let statement = statements.get(pieces);
    if (!statement) {
      const intersect = Array.from({ length: pieces }, () => 'SELECT term_id FROM search_grams WHERE gram = ?').join(' INTERSECT ');
      statement = db.prepare<unknown[], { kind: number; text: string }>(`SELECT kind, text FROM search_terms WHERE id IN (${intersect}) AND kind IN (?, ?) AND text LIKE ? ESCAPE '\\'`);
      statements.set(pieces, statement);
    }
    return statement;
  };
  const lookup = (text: string, kinds: [number, number]) => {
    const pieces = piecesOf(text);
    if (pieces.length === 0) return [];
    return statementFor(pieces.length).all(...pieces, ...kinds, `%${escapeLike(text)}%`) as Array<{ kind: number; text: string }>;
  };
  return (search) => {
    const found: SearchMatches = { names: [], households: [], plates: [] };
    const plate = plateForm(search);
    const rows = plate === search ? lookup(search, [KIND.names, KIND.plates]).concat(lookup(search, [KIND.households, KIND.households])) : [...lookup(search, [KIND.names, KIND.households]), ...lookup(plate, [KIND.plates, KIND.plates])];
    for (const row of rows) (row.kind === KIND.names ? found.names : row.kind === KIND.households ? found.households : found.plates).push(row.text);
    return Math.max(found.names.length, found.households.length, found.plates.length) > MAX_TERMS ? null : found;
  };
}
