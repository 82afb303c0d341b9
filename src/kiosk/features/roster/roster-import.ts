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
  residents: { household: ['household', '户', '门牌'], name: ['name', '姓名'], idNumber: ['idnumber', 'id', '证件号', '身份证号'], phone: ['phone', '电话', '手机'], cardId: ['cardid', 'card', '卡号'] },
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

export function importRoster(deps: { db: Db; roster: RosterRepository; now: () => Date }, kind: RosterKind, table: Table, options: { dryRun: boolean; actor: Actor; fileName?: string }): ImportReport {
  const { db, roster } = deps;
  const index = columnIndex(kind, table.header);
  const problems: ImportProblem[] = [];
  let imported = 0;

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

  function saveRow(cell: (field: string) => string | undefined): void {
    if (kind === 'households') {
      roster.saveHousehold(parse(HouseholdInput, { building: cell('building'), unit: cell('unit') ?? '', room: cell('room'), note: cell('note') || undefined }));
    } else if (kind === 'residents') {
      roster.saveResident(parse(ResidentInput, { householdId: householdId(cell('household') ?? ''), name: cell('name'), idNumber: cell('idNumber') || undefined, phone: cell('phone') || undefined, cardId: cell('cardId') || undefined }));
    } else if (kind === 'vehicles') {
      roster.saveVehicle(parse(VehicleInput, { householdId: householdId(cell('household') ?? ''), plate: cell('plate'), note: cell('note') || undefined }));
    } else {
      const home = householdId(cell('household') ?? '');
      const resident = db.prepare<[string, string], { id: string }>('SELECT id FROM residents WHERE household_id = ? AND name = ?').get(home, cell('name') ?? '');
      if (!resident) throw new GateError('not-found', `${cell('name')} is not a resident of ${cell('household')}: import residents first`, { key: 'import-resident-first', params: { name: cell('name') ?? '', household: cell('household') ?? '' } });
      const plate = cell('plate');
      const vehicle = plate ? db.prepare<[string], { id: string }>('SELECT id FROM vehicles WHERE plate = ?').get(normalisePlate(plate)) : undefined;
      if (plate && !vehicle) throw new GateError('not-found', `plate ${plate} is not on the roster: import vehicles first`, { key: 'import-vehicle-first', params: { plate } });
      const days = cell('days') ? (cell('days') ?? '').split(/[\s,，、;]+/).filter(Boolean).map(Number) : undefined;
      roster.saveCommuter(parse(CommuterInput, { residentId: resident.id, usualOut: cell('usualOut') || null, usualIn: cell('usualIn') || null, ...(days ? { days } : {}), vehicleId: vehicle?.id ?? null }));
    }
  }

  try {
    db.transaction(() => {
      for (const { line, cells } of table.rows) {
        const cell = (field: string) => (index[field] === undefined ? undefined : cells[index[field]!]);
        try {
          // Each row is its own savepoint, so one bad row does not hide the problems of the rows after it.
          db.transaction(() => saveRow(cell))();
          imported++;
        } catch (error) {
          problems.push(error instanceof GateError ? { row: line, message: error.message, ...(error.key ? { key: error.key } : {}), ...(error.params ? { params: error.params } : {}) } : { row: line, message: `could not be saved (${(error as Error).message})`, key: 'import-row-unsaved' });
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
