// Printed resident cards: a long-lived GK1 code signed with the compound's own key (made at first start and pinned in
// the data folder's trust list), carrying the card number so a lost card can be revoked.
import { createPrivateKey, randomBytes } from 'node:crypto';
import { recordAudit, type Actor } from '../../platform/audit/audit-log.ts';
import { GateError } from '../../../common/contract/errors.ts';
import { signGateCode } from '../../platform/health-codes/gate-code.ts';
import type { RosterRepository } from './roster-repository.ts';
import { loadCardKey } from '../../platform/health-codes/compound-files.ts';
import type { Db } from '../../platform/store/open-store.ts';

const CARD_LIFETIME_S = 365 * 86_400;

function maskedName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? name : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

export function issueResidentCards(deps: { db: Db; roster: RosterRepository; dataDir: string; trustListPath: string; issuer: string; now: () => Date }, residentIds: string[], actor: Actor) {
  const at = deps.now();
  const pem = loadCardKey(deps.db, deps.dataDir, deps.trustListPath, at);
  if (!pem) throw new GateError('unavailable', 'The compound has no card-signing key yet. Finish the first-start setup (it creates the key), then print cards.', { key: 'no-card-key' });
  const privateKey = createPrivateKey(pem);
  return deps.db.transaction(() => {
    const cards = residentIds.map((id) => {
      let resident = deps.roster.resident(id);
      if (!resident.cardId) {
        resident = deps.roster.saveResident({ id, householdId: resident.householdId, name: resident.name, cardId: `C${randomBytes(5).toString('hex').toUpperCase()}` });
      }
      const code = signGateCode({ privateKey, issuer: deps.issuer, colour: 'green', maskedName: maskedName(resident.name), cardId: resident.cardId!, issuedAt: at, lifetimeSeconds: CARD_LIFETIME_S });
      return { residentId: id, name: resident.name, household: resident.household, cardId: resident.cardId!, code, validUntil: new Date(at.getTime() + CARD_LIFETIME_S * 1000).toISOString() };
    });
    recordAudit(deps.db, { actor, action: 'print-cards', subject: `${cards.length} cards`, detail: { cardIds: cards.map((c) => c.cardId) } }, at);
    return { issuer: deps.issuer, cards };
  })();
}
