// Households passing together (同行人员, issue 15), kept beside flow.ts: one identity step for the group, then each
// member's own code (the colour on their phone, or the no-phone lane with their card), temperature and mask; the
// group's facts are recorded together in one call, one entry per person with a shared group id.
import type { EntryFacts } from '../../../src/common/contract/index.ts';
import type { FlowState, Group, PersonRef } from './flow-types.ts';

/** The group chosen: the first person goes on with their own code; the others follow. */
export function startGroup(first: PersonRef, others: PersonRef[]): Group {
  return { members: [first, ...others], index: 0, facts: [] };
}

/** One member's facts are complete: on to the next member's code, or record the whole group. */
export function memberDone(state: FlowState, group: Group, facts: EntryFacts): FlowState {
  const done = { ...group, facts: [...group.facts, facts] };
  const nextIndex = group.index + 1;
  if (nextIndex < group.members.length) {
    return { ...state, card: null, otherPhone: false, group: { ...done, index: nextIndex }, step: { name: 'member-code', person: group.members[nextIndex]! } };
  }
  return { ...state, group: done, step: { name: 'saving-group', members: done.facts } };
}
