// The checkpoint steps as a pure state machine: one action per screen, the core decides at the end.
// Who the person is comes from the roster or a visitor record; the fast lane skips identity for a matched commuter;
// on the way out only the checks the policy names are taken; a vehicle's occupants are scanned in a row.
import type { EntryFacts, HealthCodeResult, OutgoingCheck, Temperature } from '../../../src/common/contract/index.ts';
import { codeEndsCheck, isFever, takesCheck } from '../../../src/common/gate-rules/decide.ts';
import { scanProblem, type ScanProblem } from '../../../src/common/gate-rules/scan-problems.ts';
import { holderAgreement } from '../../../src/common/gate-rules/code-holder.ts';
import { answerIdentityByCard, cardAnswersIdentity, noPhoneCode, onCardRead } from './flow-card.ts';
import { memberDone, startGroup } from './flow-household.ts';
import type { CodeRef, FlowEvent, FlowState, Notice, PersonRef, Step, WaitingScan } from './flow-types.ts';

export type { CodeRef, FlowEvent, FlowState, Group, PersonRef, Step, Vehicle } from './flow-types.ts';

export const initialState: FlowState = {
  step: { name: 'scan' }, direction: 'in', lane: 'standard', outChecks: [], vehicle: null, startedAt: null, otherPhone: false, card: null, group: null,
  holderConfirmed: false, waitingScan: null, notice: null,
};

function codeFacts(code: CodeRef): EntryFacts['code'] {
  if (code.kind === 'verified') return { kind: 'verified', checkId: code.checkId };
  if (code.kind === 'no-phone') return { kind: 'no-phone', readId: code.readId, ...(code.colour && code.why ? { colour: code.colour, why: code.why } : {}) };
  return { kind: 'manual', colour: code.colour, why: code.why, scanText: code.scanText, ...(code.testBand ? { testBand: code.testBand } : {}) };
}

function personFacts(person: PersonRef): NonNullable<EntryFacts['person']> {
  return person.kind === 'visitor' ? { kind: 'visitor', visitorId: person.visitorId } : { kind: 'resident', residentId: person.residentId };
}

const checks = (state: FlowState, check: OutgoingCheck) => takesCheck(state.direction, state.outChecks, check);

/** A code that fails ends the check at once (where the code is checked): no temperature or mask for a refused person. */
function refusedAtCode(state: FlowState, code: CodeRef): boolean {
  if (!checks(state, 'code')) return false;
  // By the district's list the colour is the core's to say; a colour recorded by hand ends the check like any other.
  if (code.kind === 'no-phone') return code.colour !== undefined && codeEndsCheck(code.colour);
  return codeEndsCheck(code.kind === 'verified' ? code.result.status : code.colour);
}

/** The duration for the live figures is added when the facts are sent (the page's clock is not the flow's business). */
function save(state: FlowState, code: CodeRef, rest: { person?: PersonRef; name?: string; temperature?: Temperature | null; maskWorn?: boolean }): FlowState {
  const facts: EntryFacts = {
    direction: state.direction,
    lane: state.lane === 'fast' && rest.person?.kind === 'commuter' ? 'fast' : 'standard',
    identity: rest.name ? { name: rest.name } : {},
    code: codeFacts(code),
    ...(rest.person ? { person: personFacts(rest.person) } : {}),
    ...(rest.temperature ? { temperature: rest.temperature } : {}),
    ...(rest.maskWorn !== undefined ? { maskWorn: rest.maskWorn } : {}),
    ...(state.vehicle ? { plate: state.vehicle.plate } : {}),
    ...(state.otherPhone ? { codeOnOtherPhone: true } : {}),
    ...(state.holderConfirmed ? { holderConfirmed: true } : {}),
    ...(state.card ? { cardReadId: state.card.readId } : {}),
  };
  if (state.group) return memberDone(state, state.group, facts);
  const whose = code.kind === 'verified' && rest.person ? { code, person: rest.person } : undefined;
  return { ...state, step: { name: 'saving', facts, ...(whose ? { whose } : {}) } };
}

/** After identity: the temperature, the mask, or straight to recording, as the direction and policy require. */
function afterPerson(state: FlowState, code: CodeRef, person: PersonRef): FlowState {
  if (code.kind === 'verified' && !state.holderConfirmed && holderMismatch(code.result, person)) return { ...state, step: { name: 'holder-check', code, person } };
  if (checks(state, 'temperature')) return { ...state, step: { name: 'temperature', code, person, attempt: 1 } };
  if (checks(state, 'mask')) return { ...state, step: { name: 'mask', code, person, temperature: null } };
  return save(state, code, { person });
}

function afterCode(state: FlowState, code: CodeRef, suggestedName?: string): FlowState {
  if (refusedAtCode(state, code)) return save(state, code, { name: suggestedName });
  if (code.kind === 'verified') return { ...state, step: { name: 'matching', code } };
  return { ...state, step: { name: 'identity', code, suggestedName } };
}

const holderName = (result: HealthCodeResult) => ('holderName' in result ? result.holderName : undefined);

function step(state: FlowState, event: FlowEvent): FlowState {
  const current = state.step;
  const to = (next: Step): FlowState => ({ ...state, step: next });
  switch (current.name) {
    case 'scan':
      if (event.type === 'no-phone-requested') return { ...state, startedAt: event.at, step: { name: 'no-phone', read: null } };
      if (event.type === 'manual-requested') return { ...state, startedAt: event.at, otherPhone: false, step: { name: 'manual' } };
      if (event.type === 'plate-requested') return to({ name: 'plate' });
      if (event.type === 'direction-toggled') return { ...state, direction: state.direction === 'in' ? 'out' : 'in' };
      if (event.type === 'vehicle-done') return { ...state, vehicle: null };
      return state;
    case 'plate':
      if (event.type === 'vehicle-found') return { ...state, vehicle: event.vehicle, step: { name: 'scan' } };
      if (event.type === 'back') return to({ name: 'scan' });
      return state;
    case 'verifying':
      if (event.type === 'verify-failed') return to({ name: 'manual', scanText: current.text });
      if (event.type !== 'verified') return state;
      // A technical failure is never a colour: the volunteer falls back to looking at the phone.
      if (event.result.status === 'error') return to({ name: 'manual', scanText: current.text, problem: event.result });
      {
        const problem = scanProblem(current.text, event.result);
        if (problem) return to({ name: 'not-a-code', text: current.text, problem });
      }
      return afterCode(state, { kind: 'verified', checkId: event.checkId, result: event.result }, holderName(event.result));
    case 'not-a-code':
      return event.type === 'manual-requested' ? to({ name: 'manual', scanText: current.text }) : state;
    case 'holder-check':
      if (event.type !== 'holder-confirmed') return state;
      if (current.facts) return { ...state, holderConfirmed: true, step: { name: 'saving', facts: { ...current.facts, holderConfirmed: true } } };
      return afterPerson({ ...state, holderConfirmed: true }, current.code, current.person);
    case 'manual':
      if (event.type !== 'colour-chosen') return state;
      return afterCode(state, { kind: 'manual', colour: event.colour, why: event.why, scanText: current.scanText, ...(event.testBand ? { testBand: event.testBand } : {}) });
    case 'matching':
      if (event.type !== 'matched') return state;
      if (!event.person) return to({ name: 'identity', code: current.code, suggestedName: holderName(current.code.result) });
      // Fast lane: a pre-registered commuter's details are on file; the card already says who they are.
      if (state.lane === 'fast' && event.person.kind === 'commuter') return afterPerson(state, current.code, event.person);
      return to({ name: 'confirm-person', code: current.code, person: event.person });
    case 'confirm-person':
      if (event.type === 'household-requested' && current.person.kind !== 'visitor' && !state.group) return to({ name: 'household-pick', code: current.code, person: current.person });
      if (event.type === 'person-confirmed') return afterPerson(state, current.code, current.person);
      if (event.type === 'someone-else') return to({ name: 'identity', code: current.code });
      return state;
    case 'identity':
      if (event.type !== 'identity-chosen') return state;
      if (event.how === 'visitor') return to({ name: 'visitor', code: current.code, suggestedName: current.suggestedName });
      return to({ name: 'find-resident', code: current.code, by: event.how === 'resident-id' ? 'id' : 'household' });
    case 'find-resident':
    case 'visitor':
      if (event.type === 'person-chosen') return afterPerson(state, current.code, event.person);
      if (event.type === 'back') return to({ name: 'identity', code: current.code });
      return state;
    case 'temperature': {
      if (event.type !== 'measured') return state;
      const m = event.measurement;
      if (!m.ok) return to({ ...current, note: m.reason, failures: (current.failures ?? 0) + 1 });
      const temperature: Temperature = { bodyC: m.bodyC, objectC: m.objectC, ambientC: m.ambientC, source: event.source };
      // At or above the fever line the first reading only asks for a second one; the second decides, and a fever
      // confirmed ends the check (the mask is not asked of a person being sent to the fever clinic).
      const fever = isFever(m.bodyC, event.feverLineC);
      if (fever && current.attempt === 1) return to({ ...current, attempt: 2, note: undefined });
      if (fever || !checks(state, 'mask')) return save(state, current.code, { person: current.person, temperature });
      return to({ name: 'mask', code: current.code, person: current.person, temperature });
    }
    case 'mask':
      return event.type === 'mask-checked' ? save(state, current.code, { person: current.person, temperature: current.temperature, maskWorn: event.worn }) : state;
    case 'saving':
      if (event.type === 'recorded') return { ...state, startedAt: null, step: { name: 'result', entry: event.entry, facts: current.facts } };
      // The core compares the code's ID with the person's where both have one, which the screen cannot see.
      if (event.type === 'record-failed' && event.key === 'holder-unconfirmed' && current.whose) return to({ name: 'holder-check', ...current.whose, facts: current.facts });
      if (event.type === 'record-failed') return to({ name: 'failed', message: event.message, facts: current.facts });
      return state;
    case 'result':
      if (event.type === 'override-requested' && current.entry.decision === 'refuse') return to({ name: 'override', facts: current.facts, entry: current.entry });
      return state;
    case 'override':
      if (event.type === 'override-authorized') return to({ name: 'saving', facts: { ...current.facts, overrideId: event.overrideId } });
      if (event.type === 'back') return to({ name: 'result', entry: current.entry, facts: current.facts });
      return state;
    case 'failed':
      if (event.type === 'retry' && current.members) return to({ name: 'saving-group', members: current.members });
      return event.type === 'retry' && current.facts ? to({ name: 'saving', facts: current.facts }) : state;
    case 'card':
      if (event.type === 'no-phone-requested') return to({ name: 'no-phone', read: current.read });
      // The code cannot be scanned: its colour by hand, the card still answering who they are.
      if (event.type === 'manual-requested') return to({ name: 'manual' });
      return state;
    case 'no-phone': {
      if (event.type === 'no-phone-read') return { ...state, card: event.read, step: { name: 'no-phone', read: event.read } };
      // Back to the card that was read, or (a typed number, or nothing yet) to the scan.
      if (event.type === 'back') return current.read?.source === 'card' ? to({ name: 'card', read: current.read }) : { ...state, card: null, startedAt: null, step: { name: 'scan' } };
      if (event.type !== 'no-phone-chosen' || !current.read) return state;
      const code = noPhoneCode(current.read, event.manual);
      if (!code) return state;
      if (refusedAtCode(state, code)) return save(state, code, {});
      return cardAnswersIdentity(state, code, current.read);
    }
    case 'card-visitor':
      if (event.type === 'person-chosen') return afterPerson(state, current.code, event.person);
      if (event.type === 'back') return to({ name: 'visitor', code: current.code });
      return state;
    case 'household-pick':
      if (event.type === 'group-chosen') return afterPerson({ ...state, group: startGroup(current.person, event.others) }, current.code, current.person);
      if (event.type === 'back') return to({ name: 'confirm-person', code: current.code, person: current.person });
      return state;
    case 'member-code': {
      const read = current.read;
      let code: CodeRef | null = null;
      if (event.type === 'colour-chosen') code = read?.noPhone.allowed ? noPhoneCode(read, { colour: event.colour, why: event.why }) : { kind: 'manual', colour: event.colour, why: event.why };
      if (event.type === 'no-phone-chosen' && read) code = noPhoneCode(read, event.manual);
      if (!code) return state;
      if (refusedAtCode(state, code)) return save(state, code, { person: current.person });
      return afterPerson(state, code, current.person);
    }
    case 'saving-group':
      if (event.type === 'group-recorded') return { ...state, startedAt: null, group: null, card: null, step: { name: 'group-result', entries: event.entries } };
      if (event.type === 'record-failed') return to({ name: 'failed', message: event.message, members: current.members });
      return state;
    default:
      return state;
  }
}

/** Steps where a code is known and the person is still being checked: a relative's code can be marked there. */
const PERSON_STEPS = new Set<Step['name']>(['manual', 'matching', 'confirm-person', 'identity', 'find-resident', 'visitor', 'temperature', 'mask', 'card-visitor', 'holder-check']);

export function next(state: FlowState, event: FlowEvent): FlowState {
  return answerIdentityByCard(transition(state, event));
}

function transition(state: FlowState, event: FlowEvent): FlowState {
  if (event.type === 'card-read') return onCardRead(state, event.read, event.at);
  if (event.type === 'other-phone-toggled') return PERSON_STEPS.has(state.step.name) ? { ...state, otherPhone: !state.otherPhone } : state;
  if (event.type === 'lane') return { ...state, lane: event.lane, outChecks: event.outChecks };
  // Cancel, the next person, and scans that arrive mid-flow (below); everything else is the step's.
  const after = interrupt(state, event) ?? step(state, event);
  // A notice belongs to the scan screen it was shown on.
  return after.notice && after.step.name !== 'scan' ? { ...after, notice: null } : after;
}

// ---- Interrupts (issue 13.1): what may cut into a person's check. The volunteer cancels (nothing is recorded), or the
// next person's scan arrives. A scan replaces the person on screen while nothing about them was confirmed yet (their
// code is still being read or matched, or the volunteer has not said yes); otherwise it waits, shown as a prompt, and
// starts when this person is recorded or cancelled. A scan never vanishes, and a save in flight is never cut short.

/** Nothing about the person on screen was confirmed yet: a new scan may take their place. */
function replaceable(step: Step): boolean {
  switch (step.name) {
    case 'scan':
    case 'result':
    case 'manual':
    case 'verifying':
    case 'matching':
    case 'not-a-code':
    case 'confirm-person':
    case 'plate':
    case 'card':
    case 'group-result':
      return true;
    case 'identity':
      return step.code.kind === 'verified';
    default:
      return false;
  }
}

function start(state: FlowState, scan: WaitingScan): FlowState {
  // A scan on the manual step (or after their card) is this person's own: their clock, card and marks stay.
  const same = state.step.name === 'manual' || state.step.name === 'card';
  return {
    ...state,
    card: same ? state.card : null,
    group: null,
    step: { name: 'verifying', text: scan.text },
    startedAt: same && state.startedAt !== null ? state.startedAt : scan.at,
    otherPhone: same ? state.otherPhone : false,
    holderConfirmed: false,
    waitingScan: null,
    notice: null,
  };
}

/** The next person: the scan that waited, or the scan screen (with a notice when this person was not recorded). */
function nextPerson(state: FlowState, notice: Notice | null, at: number | undefined): FlowState {
  if (state.waitingScan) return start({ ...state, step: { name: 'scan' } }, { text: state.waitingScan.text, at: at ?? state.waitingScan.at });
  return { ...state, step: { name: 'scan' }, startedAt: null, otherPhone: false, holderConfirmed: false, card: null, group: null, notice };
}

function interrupt(state: FlowState, event: FlowEvent): FlowState | null {
  const current = state.step;
  switch (event.type) {
    case 'scanned':
      if (current.name === 'saving' || current.name === 'saving-group' || !replaceable(current)) return { ...state, waitingScan: { text: event.text, at: event.at } };
      return start(state, { text: event.text, at: event.at });
    case 'reset':
      return current.name === 'saving' || current.name === 'saving-group' ? state : nextPerson(state, null, event.at);
    case 'cancel':
      if (current.name === 'saving' || current.name === 'saving-group') return state;
      if (current.name === 'scan') return state.notice ? { ...state, notice: null } : state;
      // The refusal is on disk already: cancelling an override goes back to it; on a result, cancel is "next".
      if (current.name === 'override') return { ...state, step: { name: 'result', entry: current.entry, facts: current.facts } };
      if (current.name === 'result' || current.name === 'group-result') return nextPerson(state, null, event.at);
      return nextPerson(state, current.name === 'plate' ? null : 'cancelled', event.at);
    case 'holder-not-theirs':
      return current.name === 'holder-check' ? nextPerson(state, 'own-code', undefined) : null;
    default:
      return null;
  }
}

/** The code names someone other than the person chosen (as far as the masked names show). */
function holderMismatch(result: HealthCodeResult, person: PersonRef): boolean {
  return holderAgreement(holderName(result), person.name) === 'different';
}
