// Records one person at the gate: resolves the code, the person, the shift and any override, decides, commits, then
// tells every screen.
import { randomUUID } from 'node:crypto';
import { GateError } from '../../../common/contract/errors.ts';
import type { z } from 'zod';
import type { EntryFacts, Entry, Identity, PersonRecord } from '../../../common/contract/entries.ts';
import type { CodeCheckStatus, HealthCodeResult } from '../../../common/contract/health-code.ts';
import { BAND_HOURS } from '../../../common/gate-rules/health-requirements.ts';
import type { PolicyVersion } from '../../../common/contract/policy.ts';
import type { Shift } from '../../../common/contract/shifts.ts';
import type { Audit } from '../../platform/audit/audit-log.ts';
import type { EventBus } from '../../platform/events/event-bus.ts';
import { entryView } from '../../platform/privacy/volunteer-view.ts';
import type { EntriesRepository } from '../log/entries-repository.ts';
import { quotaPeriodStart } from '../../../common/gate-rules/peak-windows.ts';
import { normalisePlate } from '../roster/id-numbers.ts';
import { timeOrderedId } from '../../platform/time-ordered-id.ts';
import type { RosterRepository } from '../roster/roster-repository.ts';
import type { VisitorsRepository } from '../roster/visitors-repository.ts';
import type { CodeChecks } from './code-checks.ts';
import { decide } from '../../../common/gate-rules/decide.ts';
import { holderAgreement } from '../../../common/gate-rules/code-holder.ts';
import { isUnreadable } from '../../../common/gate-rules/scan-problems.ts';
import type { HolderCheck } from '../../../common/contract/entries.ts';
import { createOnlineCache } from './online-cache.ts';
import type { WatchFacts } from '../../../common/gate-rules/watch-rules.ts';
import type { WatchHit } from '../../../common/contract/watch.ts';
import type { Overrides } from './overrides.ts';
import type { IdCardService } from '../id-card/index.ts';

export interface CodeVerifier {
  verify(text: string, at: Date): Promise<HealthCodeResult>;
  /** What blocks EU DCC checking now; absent on verifiers without DCC material. */
  dccStatus?(at: Date): Promise<CodeCheckStatus['dcc']>;
}

export interface CheckpointDeps {
  entries: EntriesRepository;
  verifier: CodeVerifier;
  checks: CodeChecks;
  bus: EventBus;
  policy: () => PolicyVersion;
  now: () => Date;
  /** Who records when no shift is signed on (a kiosk without volunteer accounts). */
  volunteer: () => string;
  timeZone: string;
  /** The rest are absent in the bare checkpoint (no roster, no shifts): people are then recorded as given. */
  roster?: RosterRepository;
  visitors?: VisitorsRepository;
  shifts?: { current(): Shift | null; required(): boolean };
  overrides?: Overrides;
  audit?: Audit;
  /** The district's watch lists (issue 17): the person's listings in force, and the hit to record. */
  watch?: { match(person: PersonRecord, at: Date): { facts: WatchFacts; hit: WatchHit } | null };
  /** Runs inside the entry's own transaction (the alerts an entry raises commit with it). */
  alsoOnRecord?: (entry: Entry) => void;
  /** ID cards (issue 15): the no-phone lane's status, and who a card read says the person is. */
  idCards?: Pick<IdCardService, 'noPhoneCode' | 'reads'>;
}

interface ResolvedCode {
  code: HealthCodeResult;
  manualReason: string | null;
  /** Set for a no-phone entry: whether the lane admits the person. */
  noPhoneAllowed?: boolean;
  /** Set for a no-phone entry: the card the status was taken for (its keyed hash and name). */
  card?: { idHash: string; name: string | null };
}

export function createCheckpointService(deps: CheckpointDeps) {
  const onlineCache = createOnlineCache(deps.now);

  function resolveCode(facts: EntryFacts, at: Date): ResolvedCode {
    const code = facts.code;
    if (code.kind === 'manual') {
      // What the phone showed: a test within a band is recorded as a negative test of that band's age at most.
      const band = code.testBand;
      const test = band && band !== 'none' ? { nucleicAcid: { result: 'negative' as const, band, hoursAgo: BAND_HOURS[band] } } : {};
      return { code: { status: code.colour, source: 'manual', checkedAt: at.toISOString(), ...test }, manualReason: code.why };
    }
    if (code.kind === 'no-phone') {
      if (!deps.idCards) throw new GateError('unavailable', 'The no-phone lane is not available on this kiosk. Record the colour by hand.', { key: 'no-phone-unavailable' });
      const { result, manualReason, allowed, read } = deps.idCards.noPhoneCode(code, facts.person, at);
      return { code: result, manualReason, noPhoneAllowed: allowed, card: { idHash: read.idHash, name: read.name } };
    }
    return { code: deps.checks.get(code.checkId), manualReason: null };
  }

  /** The roster or visitor record the screen cited, so names and households come from the records, not the screen. */
  function resolvePerson(facts: z.output<typeof EntryFacts>): { person: PersonRecord; identity: Identity } {
    const given = facts.person;
    if (given?.kind === 'resident') {
      if (!deps.roster) throw new GateError('unavailable', 'The roster is not available on this kiosk. Record the person as a visitor.', { key: 'no-roster' });
      const match = deps.roster.match(given.residentId);
      const r = match.resident;
      return { person: { kind: match.kind, id: r.id, householdId: r.householdId, household: r.household }, identity: { name: r.name, maskedId: r.maskedId ?? undefined } };
    }
    if (given?.kind === 'visitor') {
      if (!deps.visitors) throw new GateError('unavailable', 'Visitor records are not available on this kiosk.', { key: 'no-visitors' });
      const v = deps.visitors.get(given.visitorId);
      return { person: { kind: 'visitor', id: v.id, householdId: v.lastHouseholdId, household: v.lastHousehold }, identity: { name: v.name, maskedId: v.maskedId ?? undefined } };
    }
    // Nobody on file, but a card was read: the card says who they are (masked number only).
    const card = facts.cardReadId && deps.idCards ? deps.idCards.reads.get(facts.cardReadId) : null;
    const identity = card ? { ...(card.name ? { name: card.name } : {}), maskedId: card.maskedId } : (facts.identity ?? {});
    return { person: { kind: 'unknown', id: null, householdId: null, household: null }, identity };
  }

  /** The person's keyed ID hash on file (null when none is), so a card or a code's holder is compared by ID first. */
  function idHashOf(person: PersonRecord): string | null {
    if (!person.id) return null;
    if (person.kind === 'visitor') return deps.visitors?.idHashOf(person.id) ?? null;
    return deps.roster?.idHashOf(person.id) ?? null;
  }

  /**
   * Whose code it was (issue 13.2): a holder other than the person passes only on the volunteer's word, recorded. By
   * the keyed ID hash when the code and the person both carry one (decisive: a card's own person is never asked, and
   * a namesake is), else by the names. A no-phone entry has no code holder: its status is the card's, so the card
   * must be the person's own; a card of someone else is refused outright (no confirming it: the lane's verdict and
   * the district's status would be another person's).
   */
  function checkHolder(code: HealthCodeResult, card: ResolvedCode['card'], person: PersonRecord, identity: Identity, confirmed: boolean): HolderCheck | undefined {
    if (person.kind === 'unknown') return undefined;
    const personHash = idHashOf(person);
    if (card) {
      const agreement = personHash ? (personHash === card.idHash ? 'same' : 'different') : holderAgreement(card.name, identity.name);
      if (agreement !== 'different') return undefined;
      throw new GateError('conflict', 'The ID card read is not the person chosen, so nothing was recorded. The no-phone lane goes by the person’s own card: read their card, then record again.', { key: 'card-not-person' });
    }
    const holder = 'holderName' in code ? code.holderName : undefined;
    const holderHash = 'idHash' in code ? code.idHash : undefined;
    const agreement = holderHash && personHash ? (holderHash === personHash ? 'same' : 'different') : holderAgreement(holder, identity.name);
    if (agreement === 'same') return 'same';
    if (agreement === 'unknown') return undefined;
    if (confirmed) return 'confirmed';
    throw new GateError('conflict', `The code's holder (${holder ?? '?'}) is not the person chosen, so nothing was recorded. Ask whose code it is, confirm it on screen, then record again.`, { key: 'holder-unconfirmed', params: { holder: holder ?? '' } });
  }

  function currentShift(): Shift | null {
    const shift = deps.shifts?.current() ?? null;
    if (!shift && deps.shifts?.required()) throw new GateError('forbidden', 'Nobody is signed on, so this person was NOT recorded. Sign on with your name and PIN, then record them again.', { key: 'not-signed-on' });
    return shift;
  }

  return {
    async verify(text: string): Promise<{ checkId: string; result: HealthCodeResult }> {
      const checked = await deps.verifier.verify(text, deps.now());
      const { onlineCacheMinutes, codeFreshnessMinutes } = deps.policy().policy;
      const rules = { minutes: onlineCacheMinutes, freshnessMinutes: codeFreshnessMinutes };
      // While the authority cannot be reached, its last answer for this code may stand in (marked cachedFrom).
      const result = onlineCache.reuse(text, checked, rules) ?? checked;
      onlineCache.remember(text, result, rules);
      return { checkId: deps.checks.remember(result), result };
    },

    async status(): Promise<CodeCheckStatus> {
      return { dcc: (await deps.verifier.dccStatus?.(deps.now())) ?? { accepted: false, blocks: [] } };
    },

    /** The roster person a verified code belongs to: a printed card (or a code carrying a card id) on file. */
    match(checkId: string) {
      const result = deps.checks.get(checkId);
      if (!deps.roster || !('cardId' in result) || !result.cardId) return null;
      return deps.roster.findByCardId(result.cardId);
    },

    /** `facts` as the dispatcher validated them (methods['entries.record'].input is EntryFacts): parsed once, there. */
    async record(facts: z.output<typeof EntryFacts>): Promise<Entry> {
      // A retry of a call whose answer was lost: the person is already recorded; answer with that entry.
      const earlier = facts.idempotencyKey ? deps.entries.byIdempotencyKey(facts.idempotencyKey) : null;
      if (earlier) return earlier;
      return commit(build(facts, deps.now(), null));
    },

    /**
     * A household passing together (同行人员, issue 15): one entry per member with a shared group id, each decided on
     * its own; one member refused refuses the others only when the policy says so. Members are decided first, so a
     * refusal later in the group is known before anyone's row is written.
     */
    async recordGroup(all: Array<z.output<typeof EntryFacts>>): Promise<{ groupId: string; entries: Entry[] }> {
      const first = all[0]?.idempotencyKey ? deps.entries.byIdempotencyKey(all[0].idempotencyKey) : null;
      if (first?.groupId) return { groupId: first.groupId, entries: deps.entries.byGroup(first.groupId) };
      const groupId = randomUUID();
      const at = deps.now();
      const built = all.map((facts) => build(facts, at, groupId));
      if (deps.policy().policy.householdGroups.refuseAllWhenOneRefused && built.some((b) => b.entry.decision === 'refuse')) {
        for (const b of built) {
          if (b.entry.decision === 'pass' && !b.overridden) b.entry = { ...b.entry, decision: 'refuse', reasons: [...b.entry.reasons, 'group-member-refused'] };
        }
      }
      return { groupId, entries: built.map((b) => commit(b)) };
    },
  };

  function build(facts: z.output<typeof EntryFacts>, at: Date, groupId: string | null) {
    {
      const { code, manualReason, noPhoneAllowed, card } = resolveCode(facts, at);
      // A scan that is no health code at all is nobody's refusal: the volunteer scans again or records by hand.
      if (isUnreadable(code)) throw new GateError('bad-input', 'This scan is not a health code, so nothing was recorded. Scan the code again, or record the colour shown on the phone by hand.', { key: 'not-a-health-code' });
      const { person, identity } = resolvePerson(facts);
      const holderCheck = checkHolder(code, card, person, identity, facts.holderConfirmed === true);
      const shift = currentShift();
      const policy = deps.policy();
      const override = facts.overrideId ? (deps.overrides?.peek(facts.overrideId) ?? null) : null;
      if (facts.overrideId && !override) throw new GateError('unavailable', 'Overrides are not available on this kiosk.', { key: 'no-overrides' });
      const quota = policy.policy.outingQuota;
      const householdOutings =
        facts.direction === 'out' && quota && person.householdId
          ? deps.entries.countOutings(person.householdId, quotaPeriodStart(at, quota.everyDays, deps.timeZone), !quota.exemptCommuters)
          : 0;
      const temperature = facts.temperature ?? null;
      const maskWorn = facts.maskWorn ?? null;
      const watch = deps.watch?.match(person, at) ?? null;
      const { decision, reasons, overridden, warnings } = decide(
        {
          direction: facts.direction, code, identity, person, temperature, maskWorn, at, householdOutings,
          override: override && { id: override.id, by: override.by, reason: override.reason },
          watch: watch?.facts ?? null,
          ...(noPhoneAllowed !== undefined ? { noPhoneAllowed } : {}),
        },
        policy.policy,
      );
      const entry: Entry = {
        // In time order: the log's key index grows at its end (platform/time-ordered-id.ts).
        id: timeOrderedId(at.getTime()),
        at: at.toISOString(),
        direction: facts.direction,
        lane: facts.lane,
        identity,
        code,
        manualReason,
        temperature,
        maskWorn,
        decision,
        reasons,
        volunteer: shift?.volunteer ?? deps.volunteer(),
        person,
        plate: facts.plate ? normalisePlate(facts.plate) : null,
        shiftId: shift?.id ?? null,
        override: overridden && override ? { id: override.id, by: override.by, reason: override.reason } : null,
        durationMs: facts.durationMs ?? null,
        policyVersion: policy.version,
        warnings,
        codeOnOtherPhone: facts.codeOnOtherPhone === true,
        ...(watch ? { watch: watch.hit } : {}),
        ...(holderCheck ? { holderCheck } : {}),
        ...(groupId ? { groupId } : {}),
      };
      return { entry, facts, override, overridden };
    }
  }

  function commit(built: ReturnType<typeof build>): Entry {
    {
      const { entry, facts, override, overridden } = built;
      const decision = entry.decision;
      const reasons = entry.reasons;
      // Committed before anyone is told: the screen shows only what is on disk. The override's audit record
      // commits with the entry, so a pass let through by a manager is never in the log without it.
      deps.entries.insert(
        entry,
        () => {
          if (overridden && override) {
            deps.audit?.({ actor: override.actor, action: 'override', subject: entry.id, detail: { stage: 'used', overrideId: override.id, reason: override.reason, reasons } });
          }
          deps.alsoOnRecord?.(entry);
        },
        facts.idempotencyKey,
      );
      if (overridden && override) deps.overrides?.consume(override.id);
      // A refused person's check stays citable for a few minutes, so a manager's override can record them again.
      if (facts.code.kind === 'verified' && decision === 'pass') deps.checks.forget(facts.code.checkId);
      // Every screen hears of it, masked: a stream may be a volunteer's (platform/privacy/volunteer-view.ts).
      deps.bus.publish('entries.recorded', entryView(entry));
      return entry;
    }
  }
}
export type CheckpointService = ReturnType<typeof createCheckpointService>;
