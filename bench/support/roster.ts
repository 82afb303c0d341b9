// A roster of households and residents with printed-card ids, seeded through the real roster repository.
import { createIdHasher, loadIdKey } from '../../src/kiosk/features/roster/id-key.ts';
import { createRosterRepository } from '../../src/kiosk/features/roster/roster-repository.ts';
import type { Db } from '../../src/kiosk/platform/store/open-store.ts';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明'];

/** Null when this build has no roster tables yet (the figure then says it was measured without the roster). `names[i]`
 * is the name of the holder of `cards[i]`, so a bench can sign the code a resident shows with their own (masked) name. */
export function seedRoster(db: Db, dataDir: string, residents: number, random: () => number): { cards: string[]; names: string[] } | null {
  const hasRoster = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'residents'").get();
  if (!hasRoster) return null;
  const roster = createRosterRepository(db, createIdHasher(loadIdKey(db, dataDir)));
  const cards: string[] = [];
  const names: string[] = [];
  db.transaction(() => {
    for (let i = 0; cards.length < residents; i++) {
      const household = roster.saveHousehold({ building: String(1 + (i % 20)), unit: String(1 + (Math.floor(i / 20) % 4)), room: String(101 + Math.floor(i / 80)), id: undefined, note: undefined });
      for (let k = 0; k < 1 + Math.floor(random() * 3) && cards.length < residents; k++) {
        const cardId = `CARD-${String(cards.length).padStart(6, '0')}`;
        const name = SURNAMES[Math.floor(random() * SURNAMES.length)]! + GIVEN[Math.floor(random() * GIVEN.length)]!;
        roster.saveResident({ householdId: household.id, name, cardId, id: undefined, idNumber: undefined, phone: undefined });
        cards.push(cardId);
        names.push(name);
      }
    }
  })();
  return { cards, names };
}
