// Visitors: "ask identity, record details" for anyone not on the roster, and their details offered again next time.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { GateError } from '../../../common/contract/errors.ts';
import type { Visitor, VisitorInput } from '../../../common/contract/roster.ts';
import type { Db } from '../../platform/store/open-store.ts';
import type { IdHasher } from './id-key.ts';
import { householdLabel, maskIdNumber as maskNumber, maskPhone, normaliseIdNumber, normalisePhone, parseHouseholdLabel } from './id-numbers.ts';

interface VisitorRow {
  id: string;
  name: string;
  phone: string;
  masked_id: string | null;
  last_household_id: string | null;
  building: string | null;
  unit: string | null;
  room: string | null;
  last_purpose: string | null;
  visits: number;
  last_seen_at: string | null;
}

const SELECT = `SELECT v.id, v.name, v.phone, v.masked_id, v.last_household_id, h.building, h.unit, h.room, v.last_purpose, v.visits, v.last_seen_at
  FROM visitors v LEFT JOIN households h ON h.id = v.last_household_id`;

const toVisitor = (r: VisitorRow): Visitor => ({
  id: r.id,
  name: r.name,
  maskedPhone: maskPhone(r.phone),
  maskedId: r.masked_id,
  lastHouseholdId: r.last_household_id,
  lastHousehold: r.building === null ? null : householdLabel(r.building, r.unit ?? '', r.room ?? ''),
  lastPurpose: r.last_purpose,
  visits: r.visits,
  lastSeenAt: r.last_seen_at,
});

export function createVisitorsRepository(db: Db, hashNumber: IdHasher, now: () => Date = () => new Date()) {
  function get(id: string): Visitor {
    const row = db.prepare<[string], VisitorRow>(`${SELECT} WHERE v.id = ?`).get(id);
    if (!row) throw new GateError('not-found', "This visitor's details are not on file. Record the details again.", { key: 'visitor-not-on-file' });
    return toVisitor(row);
  }
  function householdOf(input: { householdId?: string; household?: string }): string {
    if (input.householdId) {
      if (!db.prepare('SELECT 1 FROM households WHERE id = ?').get(input.householdId)) throw new GateError('not-found', 'The household visited is not on the roster. Choose it from the list.', { key: 'household-not-found' });
      return input.householdId;
    }
    const parts = parseHouseholdLabel(input.household ?? '');
    if (!parts) throw new GateError('bad-input', `"${input.household}" is not a household: type building-unit-room, e.g. 3-2-501 (or 3-501 without a unit).`, { key: 'household-shape', params: { household: input.household ?? '' } });
    const row = db.prepare<[string, string, string], { id: string }>('SELECT id FROM households WHERE building = ? AND unit = ? AND room = ?').get(parts.building, parts.unit, parts.room);
    if (!row) throw new GateError('not-found', `Household ${householdLabel(parts.building, parts.unit, parts.room)} is not on the roster. Ask the visitor again, or call the household to check.`, { key: 'household-not-on-roster', params: { household: householdLabel(parts.building, parts.unit, parts.room) } });
    return row.id;
  }

  return {
    get,
    /** The most recent visitor with this phone number. */
    findByPhone(raw: string): Visitor | null {
      const row = db.prepare<[string], VisitorRow>(`${SELECT} WHERE v.phone = ? ORDER BY v.last_seen_at DESC LIMIT 1`).get(normalisePhone(raw));
      return row ? toVisitor(row) : null;
    },
    findByIdNumber(raw: string): Visitor | null {
      const hash = hashNumber(normaliseIdNumber(raw).number);
      const row = db.prepare<[string], VisitorRow>(`${SELECT} WHERE v.id_hash = ? ORDER BY v.last_seen_at DESC LIMIT 1`).get(hash);
      return row ? toVisitor(row) : null;
    },
    /** By the keyed hash an ID card reader made of the card's number. */
    findByIdHash(idHash: string): Visitor | null {
      const row = db.prepare<[string], VisitorRow>(`${SELECT} WHERE v.id_hash = ? ORDER BY v.last_seen_at DESC LIMIT 1`).get(idHash);
      return row ? toVisitor(row) : null;
    },
    /** The visitor's keyed ID hash (null when no number is on file), to compare with a card or a code's holder. */
    idHashOf: (visitorId: string) => db.prepare<[string], { id_hash: string | null }>('SELECT id_hash FROM visitors WHERE id = ?').get(visitorId)?.id_hash ?? null,
    /**
     * Records the details of this visit (new visitor, or a returning one whose details may have changed). `fromCard`
     * carries an ID card's keyed hash and masked number instead of a typed number.
     */
    register(input: z.output<typeof VisitorInput>, fromCard?: { idHash: string; maskedId: string }): Visitor {
      const householdId = householdOf(input);
      const phone = normalisePhone(input.phone);
      const id = input.idNumber ? normaliseIdNumber(input.idNumber).number : null;
      const hashId = (number: string) => (fromCard ? fromCard.idHash : hashNumber(number));
      const maskIdNumber = (number: string) => (fromCard ? fromCard.maskedId : maskNumber(number));
      if (fromCard && id) throw new GateError('bad-input', 'Give either the card or a typed ID number, not both.', { key: 'card-or-typed-id' });
      const at = now().toISOString();
      if (input.id) {
        get(input.id);
        db.prepare(
          `UPDATE visitors SET name = coalesce(?, name), phone = ?, id_hash = coalesce(?, id_hash), masked_id = coalesce(?, masked_id),
             last_household_id = ?, last_purpose = ?, visits = visits + 1, last_seen_at = ? WHERE id = ?`,
        ).run(input.name ?? null, phone, id || fromCard ? hashId(id ?? '') : null, id || fromCard ? maskIdNumber(id ?? '') : null, householdId, input.purpose, at, input.id);
        return get(input.id);
      }
      if (!input.name) throw new GateError('bad-input', 'Type the visitor’s name.', { key: 'visitor-name-missing' });
      const newId = randomUUID();
      db.prepare(
        `INSERT INTO visitors (id, name, phone, id_hash, masked_id, last_household_id, last_purpose, visits, first_seen_at, last_seen_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
      ).run(newId, input.name, phone, id || fromCard ? hashId(id ?? '') : null, id || fromCard ? maskIdNumber(id ?? '') : null, householdId, input.purpose, at, at);
      return get(newId);
    },
  };
}
export type VisitorsRepository = ReturnType<typeof createVisitorsRepository>;
