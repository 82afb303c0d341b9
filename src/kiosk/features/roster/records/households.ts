// Households: building-unit-room, the unit every resident and vehicle belongs to.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { GateError } from '../../../../common/contract/errors.ts';
import type { Household, HouseholdInput } from '../../../../common/contract/roster.ts';
import type { Db } from '../../../platform/store/open-store.ts';
import { prepared } from '../../../platform/store/statements.ts';
import { householdLabel } from '../id-numbers.ts';
import { HOUSEHOLD_SELECT, like, ORDER_HOUSEHOLD, toHousehold, uniqueViolation, type HouseholdRow } from './rows.ts';

export function createHouseholds(db: Db, stamp: () => string) {
  function household(id: string): Household {
    const row = prepared<[string], HouseholdRow>(db, `${HOUSEHOLD_SELECT} WHERE h.id = ?`).get(id);
    if (!row) throw new GateError('not-found', 'This household is not on the roster (it may have been removed). Reload the list.', { key: 'household-not-found' });
    return toHousehold(row);
  }

  return {
    household,

    listHouseholds(query: string | undefined, limit: number): Household[] {
      const rows = prepared<[string, number], HouseholdRow>(db, `${HOUSEHOLD_SELECT} WHERE (h.building || '-' || h.unit || '-' || h.room || '-' || h.building || '-' || h.room) LIKE ? ESCAPE '\\' ${ORDER_HOUSEHOLD} LIMIT ?`)
        .all(like(query), limit);
      return rows.map(toHousehold);
    },

    saveHousehold(input: z.output<typeof HouseholdInput>): Household {
      const at = stamp();
      try {
        if (input.id) {
          const changed = prepared(db, 'UPDATE households SET building = ?, unit = ?, room = ?, note = ?, updated_at = ? WHERE id = ?').run(input.building, input.unit, input.room, input.note ?? null, at, input.id);
          if (changed.changes === 0) household(input.id);
          return household(input.id);
        }
        const id = randomUUID();
        prepared(db, 'INSERT INTO households (id, building, unit, room, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(id, input.building, input.unit, input.room, input.note ?? null, at, at);
        return household(id);
      } catch (error) {
        return uniqueViolation(error, `Household ${householdLabel(input.building, input.unit, input.room)} is already on the roster. Search for it instead of adding it again.`, { key: 'household-taken', params: { household: householdLabel(input.building, input.unit, input.room) } });
      }
    },

    removeHousehold(id: string): void {
      household(id);
      const people = prepared<[string, string], { n: number }>(db, 'SELECT (SELECT count(*) FROM residents WHERE household_id = ?) + (SELECT count(*) FROM vehicles WHERE household_id = ?) AS n').get(id, id)!.n;
      if (people > 0) throw new GateError('conflict', 'This household still has residents or vehicles. Move or remove them first.', { key: 'household-not-empty' });
      prepared(db, 'DELETE FROM households WHERE id = ?').run(id);
    },
  };
}
export type Households = ReturnType<typeof createHouseholds>;
