// The ID card at the gate: a card read (or a typed number) becomes an identity the screen can use at once: the
// roster person with that keyed hash, or a returning visitor, whether the card ran out, and what the no-phone lane
// allows. Names leave masked; a visitor recorded from a card keeps the card's hash and masked number.
import { GateError } from '../../../common/contract/errors.ts';
import type { HealthCodeResult } from '../../../common/contract/health-code.ts';
import type { HolderComparison, IdentityRead } from '../../../common/contract/id-card.ts';
import type { PersonFacts } from '../../../common/contract/entries.ts';
import type { PolicyVersion } from '../../../common/contract/policy.ts';
import type { Visitor, VisitorInput } from '../../../common/contract/roster.ts';
import { ageOn, birthDateOfIdNumber, cardAgainstHolder, cardExpired, noPhoneVerdict } from '../../../common/gate-rules/id-card.ts';
import { localDay } from '../../../common/local-time.ts';
import type { CardRead } from '../../platform/devices/id-card/id-card-reader.ts';
import type { EventBus } from '../../platform/events/event-bus.ts';
import { maskName } from '../../platform/privacy/masking.ts';
import { personMatchView, visitorView } from '../../platform/privacy/volunteer-view.ts';
import type { IdHasher } from '../roster/id-key.ts';
import { maskIdNumber, normaliseIdNumber } from '../roster/id-numbers.ts';
import type { RosterRepository } from '../roster/roster-repository.ts';
import type { VisitorsRepository } from '../roster/visitors-repository.ts';
import { createIdentityReads, type StoredRead } from './identity-reads.ts';

export interface IdCardDeps {
  roster: RosterRepository;
  visitors: VisitorsRepository;
  hashId: IdHasher;
  policy: () => PolicyVersion;
  bus: EventBus;
  now: () => Date;
  timeZone: string;
  /** The district has published a status list (red/yellow without a smartphone): people not on it are not red or yellow. */
  districtList: () => boolean;
  /** A checked code as the core holds it, for the card-vs-holder comparison. */
  codeCheck: (checkId: string) => HealthCodeResult;
}

export function createIdCardService(deps: IdCardDeps) {
  const reads = createIdentityReads(deps.now);
  const today = () => localDay(deps.now(), deps.timeZone);

  function describe(readId: string, read: StoredRead): IdentityRead {
    const match = deps.roster.findByIdHash(read.idHash)[0] ?? null;
    const visitor = match ? null : deps.visitors.findByIdHash(read.idHash);
    const age = read.birthDate ? ageOn(read.birthDate, today()) : null;
    const verdict = noPhoneVerdict(deps.policy().policy.noPhoneLane, { age, registeredNoPhone: match ? deps.roster.hasNoPhone(match.resident.id) : false });
    return {
      readId,
      source: read.source,
      document: read.document,
      name: read.name ? maskName(read.name) : null,
      maskedId: read.maskedId,
      sex: read.sex,
      age,
      validUntil: read.validUntil,
      expired: read.validUntil ? cardExpired(read.validUntil, today()) : false,
      at: read.at,
      match: match ? personMatchView(match) : null,
      visitor: visitor ? visitorView(visitor) : null,
      noPhone: verdict.allowed ? { ...verdict, districtList: deps.districtList() } : verdict,
    };
  }

  return {
    /** A card from the reader: kept, matched and told to every screen. */
    cardRead({ card, at }: CardRead): IdentityRead {
      const stored: StoredRead = { source: 'card', document: card.document, name: card.name, idHash: card.idHash, maskedId: card.maskedId, sex: card.sex, birthDate: card.birthDate, validUntil: card.validUntil, at };
      const identity = describe(reads.remember(stored), stored);
      deps.bus.publish('idcard.read', identity);
      return identity;
    },

    /** A number typed by the volunteer, answered like a card; the number is hashed and masked here and dropped. */
    lookup(idNumber: string): IdentityRead {
      const { number, document } = normaliseIdNumber(idNumber);
      const stored: StoredRead = {
        source: 'typed',
        document: 'typed',
        name: null,
        idHash: deps.hashId(number),
        maskedId: maskIdNumber(number),
        sex: null,
        birthDate: document === 'other' ? null : birthDateOfIdNumber(number),
        validUntil: null,
        at: deps.now().toISOString(),
      };
      return describe(reads.remember(stored), stored);
    },

    compare(readId: string, checkId: string): HolderComparison {
      const read = reads.get(readId);
      const code = deps.codeCheck(checkId);
      const holder = { idHash: 'idHash' in code ? code.idHash : undefined, name: 'holderName' in code ? code.holderName : undefined };
      return cardAgainstHolder({ idHash: read.idHash, name: read.name }, holder);
    },

    /** A visitor's details from the card: the card's name, keyed hash and masked number; phone and whom they visit typed. */
    registerVisitor(input: Omit<VisitorInput, 'idNumber' | 'name'> & { readId: string }): Visitor {
      const read = reads.get(input.readId);
      const { readId: _cited, ...rest } = input;
      if (!rest.id && !read.name) throw new GateError('bad-input', 'A typed ID number carries no name: type the visitor’s name in the visitor form.', { key: 'typed-id-no-name' });
      const visitor = deps.visitors.register({ ...rest, ...(read.name ? { name: read.name } : {}) } as Parameters<VisitorsRepository['register']>[0], { idHash: read.idHash, maskedId: read.maskedId });
      return visitorView(visitor);
    },

    /**
     * The health status of a person without a phone (an entry's `no-phone` code): refused when the lane does not admit
     * them; else the district's list where one is published, or the colour the volunteer recorded by hand, with why.
     */
    noPhoneCode(code: { readId: string; colour?: 'green' | 'yellow' | 'red' | undefined; why?: string | undefined }, person: PersonFacts | undefined, at: Date): { result: HealthCodeResult; manualReason: string | null; allowed: boolean; read: StoredRead } {
      const read = reads.get(code.readId);
      const age = read.birthDate ? ageOn(read.birthDate, localDay(at, deps.timeZone)) : null;
      const registeredNoPhone = person?.kind === 'resident' ? deps.roster.hasNoPhone(person.residentId) : false;
      const verdict = noPhoneVerdict(deps.policy().policy.noPhoneLane, { age, registeredNoPhone });
      const checkedAt = at.toISOString();
      const holderName = read.name ?? undefined;
      if (!verdict.allowed) return { result: { status: 'invalid', reason: 'format-not-accepted', detail: `no-phone lane: ${verdict.why}`, checkedAt }, manualReason: null, allowed: false, read };
      if (deps.districtList()) return { result: { status: 'green', source: 'district-list', checkedAt, ...(holderName ? { holderName } : {}) }, manualReason: null, allowed: true, read };
      if (!code.colour || !code.why) throw new GateError('bad-input', 'No district status list is published: record the colour by the manual path, and why.', { key: 'no-phone-needs-colour' });
      return { result: { status: code.colour, source: 'manual', checkedAt, ...(holderName ? { holderName } : {}) }, manualReason: `no phone (${verdict.basis}): ${code.why}`, allowed: true, read };
    },

    reads,
  };
}
export type IdCardService = ReturnType<typeof createIdCardService>;
