// Reads and writes entry rows; the only place that knows the entries table's columns.
import { z } from 'zod';
import { GateError } from '../../../common/contract/errors.ts';
import { Entry, RefusalReason } from '../../../common/contract/entries.ts';
import { HealthCodeResult } from '../../../common/contract/health-code.ts';
import type { Db } from '../../platform/store/open-store.ts';
import { CORRUPT_ADVICE, isCorruption, isDiskFull } from '../../platform/store/at-rest/storage-errors.ts';
import { enqueueEntry } from '../sync/outbox.ts';
import { codeFactsFrom, codeFactsJson } from './code-facts.ts';
import { localDay } from '../../../common/local-time.ts';

interface EntryRow {
  id: string;
  at: string;
  direction: string;
  lane: string;
  identity_name: string | null;
  identity_masked_id: string | null;
  code_status: string;
  code_source: string | null;
  code_reason: string | null;
  code_detail: string | null;
  code_holder_name: string | null;
  code_checked_at: string;
  body_c: number | null;
  object_c: number | null;
  ambient_c: number | null;
  temperature_source: string | null;
  mask_worn: number | null;
  decision: string;
  reasons: string;
  volunteer: string;
  person_kind: string | null;
  person_id: string | null;
  household_id: string | null;
  household_label: string | null;
  plate: string | null;
  shift_id: string | null;
  override_id: string | null;
  override_by: string | null;
  override_reason: string | null;
  duration_ms: number | null;
  policy_version: number | null;
  code_facts?: string | null;
  warnings?: string;
  code_on_other_phone?: number;
  watch?: string | null;
  holder_check?: string | null;
  /** Migration 013 (issue 15): a household recorded together. */
  group_id?: string | null;
}

function toRow(entry: Entry, timeZone: string): Record<string, unknown> {
  const code = entry.code;
  return {
    id: entry.id,
    at: entry.at,
    at_ms: Date.parse(entry.at),
    local_day: localDay(new Date(entry.at), timeZone),
    direction: entry.direction,
    lane: entry.lane,
    identity_name: entry.identity.name ?? null,
    identity_masked_id: entry.identity.maskedId ?? null,
    code_status: code.status,
    code_source: code.source ?? null,
    code_reason: 'reason' in code ? code.reason : null,
    code_detail: 'detail' in code ? code.detail : entry.manualReason,
    code_holder_name: 'holderName' in code ? (code.holderName ?? null) : null,
    code_checked_at: code.checkedAt,
    body_c: entry.temperature?.bodyC ?? null,
    object_c: entry.temperature?.objectC ?? null,
    ambient_c: entry.temperature?.ambientC ?? null,
    temperature_source: entry.temperature?.source ?? null,
    mask_worn: entry.maskWorn === null ? null : entry.maskWorn ? 1 : 0,
    decision: entry.decision,
    reasons: JSON.stringify(entry.reasons),
    volunteer: entry.volunteer,
    person_kind: entry.person?.kind ?? null,
    person_id: entry.person?.id ?? null,
    household_id: entry.person?.householdId ?? null,
    household_label: entry.person?.household ?? null,
    plate: entry.plate ?? null,
    shift_id: entry.shiftId ?? null,
    override_id: entry.override?.id ?? null,
    override_by: entry.override?.by ?? null,
    override_reason: entry.override?.reason ?? null,
    duration_ms: entry.durationMs ?? null,
    policy_version: entry.policyVersion ?? null,
    code_facts: codeFactsJson(code),
    warnings: JSON.stringify(entry.warnings ?? []),
    code_on_other_phone: entry.codeOnOtherPhone ? 1 : 0,
    watch: entry.watch ? JSON.stringify(entry.watch) : null,
    holder_check: entry.holderCheck ?? null,
  };
}

const undefinedIfNull = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

export function fromRow(row: EntryRow): Entry {
  const manual = row.code_source === 'manual';
  const code = HealthCodeResult.parse({
    ...codeFactsFrom(row.code_facts),
    status: row.code_status,
    source: undefinedIfNull(row.code_source),
    reason: undefinedIfNull(row.code_reason),
    detail: manual ? undefined : undefinedIfNull(row.code_detail),
    holderName: undefinedIfNull(row.code_holder_name),
    checkedAt: row.code_checked_at,
  });
  return Entry.parse({
    id: row.id,
    at: row.at,
    direction: row.direction,
    lane: row.lane,
    identity: { name: undefinedIfNull(row.identity_name), maskedId: undefinedIfNull(row.identity_masked_id) },
    code,
    manualReason: manual ? row.code_detail : null,
    temperature:
      row.body_c === null
        ? null
        : { bodyC: row.body_c, objectC: undefinedIfNull(row.object_c), ambientC: undefinedIfNull(row.ambient_c), source: row.temperature_source },
    maskWorn: row.mask_worn === null ? null : row.mask_worn === 1,
    decision: row.decision,
    reasons: z.array(RefusalReason).parse(JSON.parse(row.reasons)),
    volunteer: row.volunteer,
    // Rows written before migration 004 have no person, shift or override.
    person: row.person_kind === null ? undefined : { kind: row.person_kind, id: row.person_id, householdId: row.household_id, household: row.household_label },
    plate: row.plate,
    shiftId: row.shift_id,
    override: row.override_id === null ? null : { id: row.override_id, by: row.override_by ?? '', reason: row.override_reason ?? '' },
    durationMs: row.duration_ms,
    policyVersion: row.policy_version,
    warnings: JSON.parse(row.warnings ?? '[]'),
    codeOnOtherPhone: row.code_on_other_phone === 1,
    ...(row.group_id ? { groupId: row.group_id } : {}),
    // Rows written before migration 009 have no watch column.
    ...(row.watch ? { watch: JSON.parse(row.watch) } : {}),
    // Rows written before migration 010 were not compared.
    ...(row.holder_check ? { holderCheck: row.holder_check } : {}),
  });
}

/** Turns SQLite's storage failures into messages that say what to do; the row was not written. */
export function storageError(error: unknown): never {
  const code = (error as { code?: string }).code;
  if (isCorruption(error)) throw new GateError('corrupt', `The entry log is damaged, so this entry was NOT recorded. Record the person on paper. ${CORRUPT_ADVICE}`, { key: 'log-damaged-not-recorded' });
  if (isDiskFull(error)) throw new GateError('storage', 'The disk is full, so this entry was NOT recorded. Free disk space (or call the manager), then record the person again.', { key: 'disk-full-not-recorded' });
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_IOERR' || code?.startsWith('SQLITE_IOERR')) {
    throw new GateError('storage', 'The entry log cannot be written, so this entry was NOT recorded. Check the disk and call the manager.', { key: 'log-unwritable-not-recorded' });
  }
  throw error;
}

export interface EntriesRepository {
  /** Inserts the entry; `alsoInTransaction` runs in the same transaction (e.g. the sync outbox). The screen's
   * idempotency key, when given, is kept with the row so a retried call finds it instead of recording twice. */
  insert(entry: Entry, alsoInTransaction?: (db: Db) => void, idempotencyKey?: string): void;
  /** The entry a call with this idempotency key already recorded, or null. */
  byIdempotencyKey(key: string): Entry | null;
  /** The members of a household recorded together, in the order recorded. */
  byGroup(groupId: string): Entry[];
  listDay(day: string, limit: number): { entries: Entry[]; total: number };
  /** Passing outings of a household's residents (commuters too unless excluded) from a local day on. */
  countOutings(householdId: string, fromDay: string, includeCommuters: boolean): number;
  /** When each entry since a moment was recorded and how long it took, oldest first (live figures). */
  timingsSince(fromMs: number): Array<{ atMs: number; durationMs: number | null }>;
}

export function createEntriesRepository(db: Db, timeZone: string): EntriesRepository {
  const insertRow = db.prepare(`INSERT INTO entries (
    id, at, at_ms, local_day, direction, lane, identity_name, identity_masked_id, code_status, code_source, code_reason,
    code_detail, code_holder_name, code_checked_at, body_c, object_c, ambient_c, temperature_source, mask_worn,
    decision, reasons, volunteer, person_kind, person_id, household_id, household_label, plate, shift_id,
    override_id, override_by, override_reason, duration_ms, policy_version, code_facts, warnings, code_on_other_phone, watch, idempotency_key, holder_check
  ) VALUES (
    @id, @at, @at_ms, @local_day, @direction, @lane, @identity_name, @identity_masked_id, @code_status, @code_source, @code_reason,
    @code_detail, @code_holder_name, @code_checked_at, @body_c, @object_c, @ambient_c, @temperature_source, @mask_worn,
    @decision, @reasons, @volunteer, @person_kind, @person_id, @household_id, @household_label, @plate, @shift_id,
    @override_id, @override_by, @override_reason, @duration_ms, @policy_version, @code_facts, @warnings, @code_on_other_phone, @watch, @idempotency_key, @holder_check
  )`);
  const selectDay = db.prepare<[string, number], EntryRow>('SELECT * FROM entries WHERE local_day = ? ORDER BY at_ms DESC LIMIT ?');
  const countDay = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM entries WHERE local_day = ?');
  const keepGroup = db.prepare('UPDATE entries SET group_id = ? WHERE id = ?');
  const selectGroup = db.prepare<[string], EntryRow>('SELECT * FROM entries WHERE group_id = ? ORDER BY at_ms, rowid');
  const selectByKey = db.prepare<[string], EntryRow>('SELECT * FROM entries WHERE idempotency_key = ?');
  const insertTransaction = db.transaction((entry: Entry, also?: (db: Db) => void, idempotencyKey?: string) => {
    // The screen's key goes in with the row (one statement, not an insert and an update).
    const row = toRow(entry, timeZone);
    row.idempotency_key = idempotencyKey ?? null;
    insertRow.run(row);
    if (entry.groupId) keepGroup.run(entry.groupId, entry.id);
    enqueueEntry(db, entry, timeZone);
    also?.(db);
  });

  return {
    insert(entry, alsoInTransaction, idempotencyKey) {
      try {
        insertTransaction(entry, alsoInTransaction, idempotencyKey);
      } catch (error) {
        storageError(error);
      }
    },
    byIdempotencyKey(key) {
      const row = selectByKey.get(key);
      return row ? fromRow(row) : null;
    },
    byGroup: (groupId) => selectGroup.all(groupId).map(fromRow),
    listDay(day, limit) {
      return { entries: selectDay.all(day, limit).map(fromRow), total: countDay.get(day)?.n ?? 0 };
    },
    countOutings(householdId, fromDay, includeCommuters) {
      const kinds = includeCommuters ? "('resident', 'commuter')" : "('resident')";
      return db
        .prepare<[string, string], { n: number }>(`SELECT count(*) AS n FROM entries WHERE household_id = ? AND local_day >= ? AND direction = 'out' AND decision = 'pass' AND person_kind IN ${kinds}`)
        .get(householdId, fromDay)!.n;
    },
    timingsSince(fromMs) {
      return db
        .prepare<[number], { atMs: number; durationMs: number | null }>('SELECT at_ms AS atMs, duration_ms AS durationMs FROM entries WHERE at_ms >= ? ORDER BY at_ms')
        .all(fromMs);
    },
  };
}
