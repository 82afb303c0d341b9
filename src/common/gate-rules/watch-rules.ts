// The district's watch lists in the gate decision (issue 17), kept apart from the other rules: a person or household
// under home quarantine does not go out; a listed red or yellow person without a phone is refused as that colour
// would be, so a printed card or an ID card is never a free green; a follow-up person only raises a notice.
import type { Direction, RefusalReason } from '../contract/entries.ts';
import type { WatchKind } from '../contract/watch.ts';

/** The listings in force for the person at this moment (their own and their household's). */
export interface WatchFacts {
  kinds: readonly WatchKind[];
}

/** Going out under home quarantine ends the check at once: nothing else is asked. */
export function quarantineReasons(direction: Direction, watch: WatchFacts | null | undefined): RefusalReason[] {
  if (direction !== 'out' || !watch) return [];
  const reasons: RefusalReason[] = [];
  if (watch.kinds.includes('quarantine')) reasons.push('watch-quarantine');
  if (watch.kinds.includes('household-quarantine')) reasons.push('watch-household-quarantine');
  return reasons;
}

/** The colour the district holds for a listed person, as the reason a code of that colour would give. */
export function listedColourReasons(watch: WatchFacts | null | undefined): RefusalReason[] {
  if (!watch) return [];
  if (watch.kinds.includes('red')) return ['code-red'];
  if (watch.kinds.includes('yellow')) return ['code-yellow'];
  return [];
}

/** The volunteer is told, discreetly, that the person is to be followed up; the decision is unchanged. */
export function followUpNotice(watch: WatchFacts | null | undefined): boolean {
  return Boolean(watch?.kinds.includes('follow-up'));
}
