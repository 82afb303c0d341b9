// Imports households, residents, vehicles or commuters from a table, all or nothing: every row is checked and saved
// inside one transaction, every problem is reported with its row, and any problem rolls the whole file back.
import type { z } from 'zod';
import { recordAudit, type Actor } from '../../platform/audit/audit-log.ts';
import { CommuterInput, HouseholdInput, ResidentInput, VehicleInput } from '../../../common/contract/roster.ts';
import { GateError, invalidInput, type ErrorKey, type ErrorParams } from '../../../common/contract/errors.ts';
import { normalisePlate, parseHouseholdLabel } from './id-numbers.ts';
import type { RosterRepository } from './roster-repository.ts';
import type { Db } from '../../platform/store/open-store.ts';
import type { Table } from './table-file.ts';

export type RosterKind = 'households' | 'residents' | 'vehicles' | 'commuters';

/** A row that could not be saved: `message` in English, `key` and `params` for the screen's words. */
export interface ImportProblem {
  row: number;
  message: string;
  key?: ErrorKey;
  params?: ErrorParams;
}

export interface ImportReport {
  ok: boolean;
  rows: number;
  imported: number;
  dryRun: boolean;
  problems: ImportProblem[];
}

/** Accepted column names (Chinese or English, any case) for each field. */
const COLUMNS: Record<RosterKind, Record<string, string[]>> = {
  households: { building: ['building', '楼栋', '楼号'], unit: ['unit', '单元'], room: ['room', '房号', '室'], note: ['note', '备注'] },
  residents: { household: ['household', '户', '门牌'], name: ['name', '姓名'], idNumber: ['idnumber', 'id', '证件号', '身份证号'], phone: ['phone', '电话', '手机'], cardId: ['cardid', 'card', '卡号'], noPhone: ['nophone', '无手机', '无智能手机'] },
  vehicles: { household: ['household', '户', '门牌'], plate: ['plate', '车牌', '车牌号'], note: ['note', '备注'] },
  commuters: { household: ['household', '户', '门牌'], name: ['name', '姓名'], usualOut: ['usualout', 'out', '出门时间'], usualIn: ['usualin', 'in', '回家时间'], days: ['days', '工作日'], plate: ['plate', '车牌'] },
};
const REQUIRED: Record<RosterKind, string[]> = { households: ['building', 'room'], residents: ['household', 'name'], vehicles: ['household', 'plate'], commuters: ['household', 'name'] };

function columnIndex(kind: RosterKind, header: string[]): Record<string, number> {
  const normal = header.map((h) => h.toLowerCase().replace(/[\s_()（）-]/g, ''));
  const index: Record<string, number> = {};
  for (const [field, names] of Object.entries(COLUMNS[kind])) {
    const at = normal.findIndex((h) => names.includes(h));
    if (at >= 0) index[field] = at;
  }
  const missing = REQUIRED[kind].filter((f) => index[f] === undefined);
  if (missing.length) {
    throw new GateError('bad-input', `The first row must name the columns; missing: ${missing.map((f) => `${f} (${COLUMNS[kind][f]!.slice(1).join('/')})`).join(', ')}. Expected columns: ${Object.keys(COLUMNS[kind]).join(', ')}.`, { key: 'import-columns-missing', params: { missing: missing.map((f) => COLUMNS[kind][f]![1] ?? f).join('、'), expected: Object.values(COLUMNS[kind]).map((names) => names[1] ?? names[0]!).join('、') } });
  }
  return index;
}

class Rollback extends Error {}

/** Rows checked between two progress reports. */
const PROGRESS_EVERY = 1_000;
/** Rows saved per transaction when an import goes in chunks: the gate's calls run between two of them (500 held the gate ~100 ms). */
export const IMPORT_CHUNK = 100;

type Deps = { db: Db; roster: RosterRepository; now: () => Date };
type Cell = (field: string) => string | undefined;

/** A "no smartphone" cell (issue 15): 1, yes, true, 是, √ or ✓ mark a resident the no-phone lane may admit. */
const registeredNoPhone = (cell: string | undefined) => /^(1|y|yes|true|是|√|✓)$/i.test((cell ?? '').trim());

/** Saves one row of the file; answers the id of the record it added (households, residents, vehicles). */
function rowSaver(deps: Deps, kind: RosterKind): (cell: Cell) => string | null {
  const { db, roster } = deps;
  const householdId = (label: string): string => {
    const parts = parseHouseholdLabel(label);
    if (!parts) throw new GateError('bad-input', `household "${label}" is not building-unit-room (e.g. 3-2-501)`, { key: 'household-shape', params: { household: label } });
    const row = db.prepare<[string, string, string], { id: string }>('SELECT id FROM households WHERE building = ? AND unit = ? AND room = ?').get(parts.building, parts.unit, parts.room);
    if (!row) throw new GateError('not-found', `household ${label} is not on the roster: import households first`, { key: 'import-household-first', params: { household: label } });
    return row.id;
  };

  function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw GateError.from(invalidInput(parsed.error));
    return parsed.data;
  }

  return (cell) => {
    if (kind === 'households') {
      return roster.saveHousehold(parse(HouseholdInput, { building: cell('building'), unit: cell('unit') ?? '', room: cell('room'), note: cell('note') || undefined })).id;
    } else if (kind === 'residents') {
      return roster.saveResident(parse(ResidentInput, { householdId: householdId(cell('household') ?? ''), name: cell('name'), idNumber: cell('idNumber') || undefined, phone: cell('phone') || undefined, cardId: cell('cardId') || undefined, ...(registeredNoPhone(cell('noPhone')) ? { noPhone: true } : {}) })).id;
    } else if (kind === 'vehicles') {
      return roster.saveVehicle(parse(VehicleInput, { householdId: householdId(cell('household') ?? ''), plate: cell('plate'), note: cell('note') || undefined })).id;
    }
    const home = householdId(cell('household') ?? '');
    const resident = db.prepare<[string, string], { id: string }>('SELECT id FROM residents WHERE household_id = ? AND name = ?').get(home, cell('name') ?? '');
    if (!resident) throw new GateError('not-found', `${cell('name')} is not a resident of ${cell('household')}: import residents first`, { key: 'import-resident-first', params: { name: cell('name') ?? '', household: cell('household') ?? '' } });
    const plate = cell('plate');
    const vehicle = plate ? db.prepare<[string], { id: string }>('SELECT id FROM vehicles WHERE plate = ?').get(normalisePlate(plate)) : undefined;
    if (plate && !vehicle) throw new GateError('not-found', `plate ${plate} is not on the roster: import vehicles first`, { key: 'import-vehicle-first', params: { plate } });
    const days = cell('days') ? (cell('days') ?? '').split(/[\s,，、;]+/).filter(Boolean).map(Number) : undefined;
    roster.saveCommuter(parse(CommuterInput, { residentId: resident.id, usualOut: cell('usualOut') || null, usualIn: cell('usualIn') || null, ...(days ? { days } : {}), vehicleId: vehicle?.id ?? null }));
    return null;
  };
}

const problemOf = (line: number, error: unknown): ImportProblem =>
  error instanceof GateError ? { row: line, message: error.message, ...(error.key ? { key: error.key } : {}), ...(error.params ? { params: error.params } : {}) } : { row: line, message: `could not be saved (${(error as Error).message})`, key: 'import-row-unsaved' };

/** The whole file in one transaction (commuters, whose rows may update existing ones, and small files). */
export function importRoster(deps: Deps, kind: RosterKind, table: Table, options: { dryRun: boolean; actor: Actor; fileName?: string; progress?: (done: number, total: number) => void }): ImportReport {
  const { db } = deps;
  const index = columnIndex(kind, table.header);
  const problems: ImportProblem[] = [];
  let imported = 0;
  const saveRow = rowSaver(deps, kind);

  try {
    db.transaction(() => {
      options.progress?.(0, table.rows.length);
      for (const [at, { line, cells }] of table.rows.entries()) {
        if (at > 0 && at % PROGRESS_EVERY === 0) options.progress?.(at, table.rows.length);
        const cell = (field: string) => (index[field] === undefined ? undefined : cells[index[field]!]);
        try {
          // Each row is its own savepoint, so one bad row does not hide the problems of the rows after it.
          db.transaction(() => saveRow(cell))();
          imported++;
        } catch (error) {
          problems.push(problemOf(line, error));
        }
      }
      if (problems.length || options.dryRun) throw new Rollback();
      recordAudit(db, { actor: options.actor, action: 'roster-import', subject: options.fileName ?? kind, detail: { kind, rows: table.rows.length } }, deps.now());
    })();
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  const ok = problems.length === 0;
  return { ok, rows: table.rows.length, imported: ok && !options.dryRun ? imported : 0, dryRun: options.dryRun, problems };
}

const TABLE_OF: Record<Exclude<RosterKind, 'commuters'>, string> = { households: 'households', residents: 'residents', vehicles: 'vehicles' };
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A large file without holding up the gate: households, residents and vehicles are only ever added by an import, so
 * the rows go in chunks of 100 (one transaction each, the gate's calls in between) and, when any row is wrong or on a
 * dry run, the rows this import added are taken out again: all rows or none once it has answered. Commuters (a row
 * may update one already there) go in one transaction.
 */
export async function importRosterInChunks(
  deps: Deps,
  kind: RosterKind,
  table: Table,
  options: { dryRun: boolean; actor: Actor; fileName?: string; progress?: (done: number, total: number) => void; pause?: () => Promise<void> },
): Promise<ImportReport> {
  if (kind === 'commuters') return importRoster(deps, kind, table, options);
  const { db } = deps;
  const pause = options.pause ?? nextTurn;
  const index = columnIndex(kind, table.header);
  const saveRow = rowSaver(deps, kind);
  const problems: ImportProblem[] = [];
  const added: string[] = [];
  const total = table.rows.length;
  options.progress?.(0, total);
  for (let from = 0; from < total; from += IMPORT_CHUNK) {
    db.transaction(() => {
      for (const { line, cells } of table.rows.slice(from, from + IMPORT_CHUNK)) {
        const cell = (field: string) => (index[field] === undefined ? undefined : cells[index[field]!]);
        try {
          const id = db.transaction(() => saveRow(cell))();
          if (id) added.push(id);
        } catch (error) {
          problems.push(problemOf(line, error));
        }
      }
    })();
    const done = Math.min(total, from + IMPORT_CHUNK);
    if (done % PROGRESS_EVERY === 0 && done < total) options.progress?.(done, total);
    await pause();
  }
  if (problems.length || options.dryRun) {
    await takeOut(db, TABLE_OF[kind], added, pause);
  } else {
    recordAudit(db, { actor: options.actor, action: 'roster-import', subject: options.fileName ?? kind, detail: { kind, rows: total } }, deps.now());
  }
  const ok = problems.length === 0;
  return { ok, rows: total, imported: ok && !options.dryRun ? added.length : 0, dryRun: options.dryRun, problems };
}

/** Removes the records an import added (and the watch tokens of their ID numbers), in chunks. */
async function takeOut(db: Db, table: string, ids: string[], pause: () => Promise<void>): Promise<void> {
  const watchTokens = table === 'residents' && db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'id_watch_tokens'").get() !== undefined;
  for (let from = 0; from < ids.length; from += IMPORT_CHUNK) {
    const list = JSON.stringify(ids.slice(from, from + IMPORT_CHUNK));
    try {
      db.transaction(() => {
        if (watchTokens) {
          db.prepare(`DELETE FROM id_watch_tokens WHERE id_hash IN (SELECT id_hash FROM residents WHERE id IN (SELECT value FROM json_each(?)) AND id_hash IS NOT NULL)
            AND id_hash NOT IN (SELECT id_hash FROM visitors WHERE id_hash IS NOT NULL)`).run(list);
        }
        db.prepare(`DELETE FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`).run(list);
      })();
    } catch (error) {
      throw new GateError('conflict', `The import was refused, but some of its ${table} were used meanwhile (${(error as Error).message}) and stay on the roster. Check the ${table} list.`, { key: 'import-rollback-partial' });
    }
    await pause();
  }
}
