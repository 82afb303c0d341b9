// The ID card in the checkpoint flow (issue 15), kept beside flow.ts: a card read at any step answers "ask identity"
// and "record details" (the roster person by keyed hash, else a visitor prefilled from the card), and the no-phone
// lane starts from a card or a typed ID number. Pure functions over the flow's state.
import type { IdentityRead, ManualColour } from '../../../src/common/contract/index.ts';
import type { CodeRef, FlowState, PersonRef, Step } from './flow-types.ts';

/** Steps where the person has not been recorded yet: a card read there is this person's. */
const PERSON_STEPS = new Set<Step['name']>(['card', 'no-phone', 'manual', 'verifying', 'matching', 'confirm-person', 'identity', 'find-resident', 'visitor', 'card-visitor', 'temperature', 'mask', 'member-code']);

export const personOfRead = (read: IdentityRead): PersonRef | null =>
  read.match
    ? { kind: read.match.kind, residentId: read.match.resident.id, name: read.match.resident.name, household: read.match.resident.household, maskedId: read.match.resident.maskedId }
    : null;

/** The card answers identity: the roster person to confirm, or the visitor form prefilled from the card. */
export function cardAnswersIdentity(state: FlowState, code: CodeRef, read: IdentityRead): FlowState {
  const person = personOfRead(read);
  if (person) return { ...state, step: { name: 'confirm-person', code, person } };
  // A typed number carries no name: the visitor form asks for it.
  if (read.name === null) return { ...state, step: { name: 'visitor', code } };
  return { ...state, step: { name: 'card-visitor', code, read } };
}

/** A card placed on the reader. */
export function onCardRead(state: FlowState, read: IdentityRead, at: number): FlowState {
  const step = state.step;
  // Nobody being checked (or the last person's result on screen): the card starts the next person.
  if (step.name === 'scan' || step.name === 'result') {
    return { ...state, card: read, startedAt: at, otherPhone: false, group: null, step: { name: 'card', read } };
  }
  if (!PERSON_STEPS.has(step.name)) return state;
  const withCard = { ...state, card: read };
  if (step.name === 'card' || step.name === 'no-phone') return { ...withCard, step: { name: 'card', read } };
  if (step.name === 'member-code') return { ...withCard, step: { ...step, read } };
  if (step.name === 'identity' || step.name === 'find-resident' || step.name === 'visitor' || step.name === 'card-visitor') return cardAnswersIdentity(withCard, step.code, read);
  return withCard;
}

/** After any transition: an identity step with a card already read is answered by the card at once. */
export function answerIdentityByCard(state: FlowState): FlowState {
  if (state.step.name !== 'identity' || !state.card) return state;
  return cardAnswersIdentity(state, state.step.code, state.card);
}

/** The no-phone lane chose how the person's status is known: the district's list, or a colour recorded by hand. */
export function noPhoneCode(read: IdentityRead, manual?: { colour: ManualColour; why: string }): CodeRef | null {
  if (!read.noPhone.allowed) return null;
  return { kind: 'no-phone', readId: read.readId, basis: read.noPhone.basis, ...(manual ?? {}) };
}
