// Seeds a kiosk data folder before the kiosk starts: a household with a resident (and, for the gate flows, accounts,
// a printed card on a trust list, a car and a commuter registration).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createAccounts } from '../../src/kiosk/features/accounts/accounts.ts';
import { signGateCode } from '../../src/kiosk/platform/health-codes/gate-code.ts';
import { generateSignerKey, trustListOf } from '../../src/kiosk/platform/health-codes/signer-keys.ts';
import { createIdHasher, loadIdKey } from '../../src/kiosk/features/roster/id-key.ts';
import { createRosterRepository } from '../../src/kiosk/features/roster/roster-repository.ts';
import { openStore } from '../../src/kiosk/platform/store/open-store.ts';

export const SEED = {
  idNumber: '110105199003071239',
  resident: '李四',
  household: '3-2-501',
  plate: '京A12345',
  cardId: 'CARD-0001',
  manager: { username: 'zhang', password: 'manager-secret-1' },
  volunteers: [
    { username: 'li', displayName: '李志愿', pin: '1111' },
    { username: 'wang', displayName: '王志愿', pin: '2222' },
  ],
};

/** Returns the QR text of the resident's printed card when `full`. */
export function seedRoster(dataDir: string, options: { full?: boolean } = {}): { card: string | null } {
  const db = openStore(dataDir);
  try {
    const roster = createRosterRepository(db, createIdHasher(loadIdKey(db, dataDir)));
    const household = roster.saveHousehold({ building: '3', unit: '2', room: '501' });
    const resident = roster.saveResident({ householdId: household.id, name: SEED.resident, idNumber: SEED.idNumber, ...(options.full ? { cardId: SEED.cardId } : {}) });
    if (!options.full) return { card: null };
    const accounts = createAccounts({ db });
    const admin = { name: 'setup', role: 'admin' as const };
    accounts.createUser({ username: SEED.manager.username, displayName: '张经理', role: 'manager', password: SEED.manager.password }, admin);
    for (const v of SEED.volunteers) accounts.createUser({ username: v.username, displayName: v.displayName, role: 'volunteer', pin: v.pin }, admin);
    const car = roster.saveVehicle({ householdId: household.id, plate: SEED.plate });
    roster.saveCommuter({ residentId: resident.id, usualOut: '07:30', usualIn: '18:30', days: [1, 2, 3, 4, 5, 6, 7], vehicleId: car.id });
  } finally {
    db.close();
  }
  const cardKey = generateSignerKey();
  const now = new Date();
  mkdirSync(path.join(dataDir, 'trust'), { recursive: true });
  writeFileSync(path.join(dataDir, 'trust/trust-list.json'), JSON.stringify(trustListOf([{ key: cardKey, use: ['card'] }], new Date(now.getTime() - 86_400_000), 30)));
  writeFileSync(path.join(dataDir, 'trust/revoked-cards.json'), JSON.stringify({ version: 1, issuedAt: now.toISOString(), revokedCardIds: [] }));
  return { card: signGateCode({ privateKey: cardKey.privateKey, issuer: '示例小区', colour: 'green', maskedName: '李*', cardId: SEED.cardId, issuedAt: now, lifetimeSeconds: 365 * 86_400 }) };
}
