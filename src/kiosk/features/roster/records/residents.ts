// Residents: names and masked identifiers on screen, ID numbers only as the compound's keyed hash; found by ID number,
// printed card or household, each as a match that says whether they commute and which plates are theirs.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { GateError } from '../../../../common/contract/errors.ts';
import type { PersonMatch, Resident, ResidentInput } from '../../../../common/contract/roster.ts';
import type { Db } from '../../../platform/store/open-store.ts';
import { prepared } from '../../../platform/store/statements.ts';
import type { IdHasher } from '../id-key.ts';
import { maskIdNumber, normaliseIdNumber, normalisePhone, parseHouseholdLabel } from '../id-numbers.ts';
import type { Households } from './households.ts';
import { like, ORDER_HOUSEHOLD, RESIDENT_SELECT, toResident, uniqueViolation, type ResidentRow } from './rows.ts';

export function createResidents(db: Db, hashId: IdHasher, stamp: () => string, households: Pick<Households, 'household'>) {
  function resident(id: string): Resident {
    const row = prepared<[string], ResidentRow>(db, `${RESIDENT_SELECT} WHERE r.id = ?`).get(id);
    if (!row) throw new GateError('not-found', 'This resident is not on the roster (they may have been removed). Search again.', { key: 'resident-not-on-roster' });
    return toResident(row);
  }
  function platesOf(householdId: string): string[] {
    return prepared<[string], { plate: string }>(db, 'SELECT plate FROM vehicles WHERE household_id = ? ORDER BY plate').all(householdId).map((r) => r.plate);
  }
  const asMatch = (r: Resident): PersonMatch => ({ kind: r.commuter ? 'commuter' : 'resident', resident: r, plates: platesOf(r.householdId) });
  const matches = (rows: ResidentRow[]) => rows.map(toResident).map(asMatch);

  function hashOf(raw: string): { hash: string; masked: string } {
    const { number } = normaliseIdNumber(raw);
    return { hash: hashId(number), masked: maskIdNumber(number) };
  }

  return {
    resident,
    match: (residentId: string) => asMatch(resident(residentId)),
    /** The residents of a household, as matches (a vehicle's occupants). */
    matchesInHousehold: (householdId: string) => matches(prepared<[string], ResidentRow>(db, `${RESIDENT_SELECT} WHERE r.household_id = ? ORDER BY r.name`).all(householdId)),

    listResidents(householdId: string | undefined, query: string | undefined, limit: number): Resident[] {
      const rows = householdId
        ? prepared<[string, string, number], ResidentRow>(db, `${RESIDENT_SELECT} WHERE r.household_id = ? AND r.name LIKE ? ESCAPE '\\' ORDER BY r.name LIMIT ?`).all(householdId, like(query), limit)
        : prepared<[string, number], ResidentRow>(db, `${RESIDENT_SELECT} WHERE r.name LIKE ? ESCAPE '\\' ${ORDER_HOUSEHOLD}, r.name LIMIT ?`).all(like(query), limit);
      return rows.map(toResident);
    },

    saveResident(input: z.output<typeof ResidentInput>): Resident {
      households.household(input.householdId);
      const id = input.idNumber ? hashOf(input.idNumber) : null;
      const phone = input.phone ? normalisePhone(input.phone) : null;
      const at = stamp();
      try {
        if (input.id) {
          resident(input.id);
          prepared(
            db,
            `UPDATE residents SET household_id = ?, name = ?, phone = coalesce(?, phone), updated_at = ?,
               id_hash = CASE WHEN ? IS NULL THEN id_hash ELSE ? END, masked_id = CASE WHEN ? IS NULL THEN masked_id ELSE ? END,
               card_id = CASE WHEN ? THEN ? ELSE card_id END WHERE id = ?`,
          ).run(input.householdId, input.name, phone, at, id?.hash ?? null, id?.hash ?? null, id?.masked ?? null, id?.masked ?? null, input.cardId !== undefined ? 1 : 0, input.cardId ?? null, input.id);
          if (input.noPhone !== undefined) prepared(db, 'UPDATE residents SET no_phone = ? WHERE id = ?').run(input.noPhone ? 1 : 0, input.id);
          return resident(input.id);
        }
        const newId = randomUUID();
        prepared(db, 'INSERT INTO residents (id, household_id, name, id_hash, masked_id, phone, card_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
          newId, input.householdId, input.name, id?.hash ?? null, id?.masked ?? null, phone, input.cardId ?? null, at, at,
        );
        if (input.noPhone) prepared(db, 'UPDATE residents SET no_phone = 1 WHERE id = ?').run(newId);
        return resident(newId);
      } catch (error) {
        return uniqueViolation(error, 'Another resident already has this ID number or card number. Search for them instead of adding them again.', { key: 'resident-taken' });
      }
    },

    removeResident(id: string): void {
      resident(id);
      prepared(db, 'DELETE FROM residents WHERE id = ?').run(id);
    },

    findByIdNumber(raw: string): PersonMatch[] {
      return matches(prepared<[string], ResidentRow>(db, `${RESIDENT_SELECT} WHERE r.id_hash = ?`).all(hashOf(raw).hash));
    },

    /** By the keyed hash an ID card reader made of the card's number (the number itself never reaches here). */
    findByIdHash(idHash: string): PersonMatch[] {
      return matches(prepared<[string], ResidentRow>(db, `${RESIDENT_SELECT} WHERE r.id_hash = ?`).all(idHash));
    },

    /** The resident's keyed ID hash (null when no number is on file), to compare with a card or a code's holder. */
    // On the gate's path (the holder check of every resident's entry): prepared once.
    idHashOf: (residentId: string) => prepared<[string], { id_hash: string | null }>(db, 'SELECT id_hash FROM residents WHERE id = ?').get(residentId)?.id_hash ?? null,

    /** Registered as without a smartphone: the no-phone lane admits them when the policy says so. */
    hasNoPhone: (residentId: string) => prepared<[string], { no_phone: number }>(db, 'SELECT no_phone FROM residents WHERE id = ?').get(residentId)?.no_phone === 1,

    findByCardId(cardId: string): PersonMatch | null {
      const row = prepared<[string], ResidentRow>(db, `${RESIDENT_SELECT} WHERE r.card_id = ?`).get(cardId);
      return row ? asMatch(toResident(row)) : null;
    },

    findByHousehold(text: string): PersonMatch[] {
      const parts = parseHouseholdLabel(text);
      if (!parts) throw new GateError('bad-input', `"${text}" is not a household: type building-unit-room, e.g. 3-2-501 (or 3-501 without a unit).`, { key: 'household-shape', params: { household: text } });
      return matches(prepared<[string, string, string], ResidentRow>(db, `${RESIDENT_SELECT} WHERE h.building = ? AND h.unit = ? AND h.room = ? ORDER BY r.name`).all(parts.building, parts.unit, parts.room));
    },
  };
}
export type Residents = ReturnType<typeof createResidents>;
