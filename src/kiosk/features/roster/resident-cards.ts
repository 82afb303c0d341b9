// Printed resident cards: a long-lived GK1 code signed with the compound's own key (made at first start and pinned in
// the data folder's trust list), carrying the card number so a lost card can be revoked.
import { createPrivateKey, randomBytes } from 'node:crypto';
import { recordAudit, type Actor } from '../../platform/audit/audit-log.ts';
import { GateError } from '../../../common/contract/errors.ts';
import { signGateCode } from '../../platform/health-codes/gate-code.ts';
import type { RosterRepository } from './roster-repository.ts';
import { loadCardKey, revokeCardInList } from '../../platform/health-codes/compound-files.ts';
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

/**
 * Revokes a card: added to the compound's revocation list (the verifier rereads it, so the next scan is refused) and
 * taken off its resident, who gets a new card number at the next print. Audited with the reason.
 */
export function revokeResidentCard(deps: { db: Db; dataDir: string; revocationListPath: string; now: () => Date }, input: { cardId: string; reason: string }, actor: Actor) {
  const at = deps.now();
  return deps.db.transaction(() => {
    const holder = deps.db.prepare<[string], { id: string }>('SELECT id FROM residents WHERE card_id = ?').get(input.cardId);
    const listed = revokeCardInList(deps.dataDir, deps.revocationListPath, input.cardId, at);
    if (holder) deps.db.prepare('UPDATE residents SET card_id = NULL, updated_at = ? WHERE id = ?').run(at.toISOString(), holder.id);
    recordAudit(deps.db, { actor, action: 'card-revoked', subject: input.cardId, detail: { reason: input.reason, version: listed.version, resident: holder?.id ?? null, alreadyRevoked: listed.alreadyRevoked } }, at);
    return { cardId: input.cardId, residentId: holder?.id ?? null, listVersion: listed.version, alreadyRevoked: listed.alreadyRevoked, revokedAt: at.toISOString() };
  })();
}
