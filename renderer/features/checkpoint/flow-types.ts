// The checkpoint flow's types (flow.ts is the machine; flow-card.ts and flow-household.ts add issue 15's steps), kept
// apart so the step files can share them without importing the machine.
import type { ScanProblem } from '../../../src/common/gate-rules/scan-problems.ts';
import type { Direction, Entry, EntryFacts, HealthCodeResult, IdentityRead, Lane, ManualColour, ManualTestBand, Measurement, NoPhoneBasis, OutgoingCheck, Temperature } from '../../../src/common/contract/index.ts';

/** A household passing together (issue 15). */
export interface Group {
  members: PersonRef[];
  /** The member being checked now. */
  index: number;
  /** The facts of the members already checked, in order. */
  facts: EntryFacts[];
}

export type CodeRef =
  | { kind: 'verified'; checkId: string; result: HealthCodeResult }
  | { kind: 'manual'; colour: ManualColour; why: string; scanText?: string; testBand?: ManualTestBand }
  /** No phone (issue 15): the card or typed ID read, and the colour recorded by hand where no district list is published. */
  | { kind: 'no-phone'; readId: string; basis: NoPhoneBasis; colour?: ManualColour; why?: string };

/** The person as chosen at the gate; the core looks the record up again. */
export type PersonRef =
  | { kind: 'resident' | 'commuter'; residentId: string; name: string; household: string; maskedId: string | null }
  | { kind: 'visitor'; visitorId: string; name: string; household: string | null };

export interface Vehicle {
  plate: string;
  household: string;
}

export type Step =
  | { name: 'scan' }
  | { name: 'verifying'; text: string }
  /** The scan was not a health code (or a known code read badly, or a scanner set up wrong): nothing is recorded. */
  | { name: 'not-a-code'; text: string; problem: ScanProblem }
  /** No usable verified result: the volunteer records the colour seen on the phone. */
  | { name: 'manual'; scanText?: string; problem?: HealthCodeResult }
  /** A verified code: is it someone on the roster (a printed card or pass)? */
  | { name: 'matching'; code: CodeRef & { kind: 'verified' } }
  | { name: 'confirm-person'; code: CodeRef; person: PersonRef }
  | { name: 'identity'; code: CodeRef; suggestedName?: string }
  | { name: 'find-resident'; code: CodeRef; by: 'id' | 'household' }
  | { name: 'visitor'; code: CodeRef; suggestedName?: string }
  /**
   * The code's holder (张*) does not look like the person chosen (李*): the volunteer says whose code it is. `facts`
   * when the core found it on recording (the ID on the code is another person's though the masked names agree):
   * their word sends those facts again, the checks already taken standing.
   */
  | { name: 'holder-check'; code: CodeRef & { kind: 'verified' }; person: PersonRef; facts?: EntryFacts }
  | { name: 'temperature'; code: CodeRef; person: PersonRef; attempt: 1 | 2; note?: string; failures?: number }
  | { name: 'mask'; code: CodeRef; person: PersonRef; temperature: Temperature | null }
  /** `whose`: the verified code and the person chosen, should the core ask whose code it is. */
  | { name: 'saving'; facts: EntryFacts; whose?: { code: CodeRef & { kind: 'verified' }; person: PersonRef } }
  | { name: 'result'; entry: Entry; facts: EntryFacts }
  | { name: 'override'; facts: EntryFacts; entry: Entry }
  | { name: 'plate' }
  | { name: 'failed'; message: string; facts?: EntryFacts; members?: EntryFacts[] }
  // ID cards, no phone, households (issue 15: flow-card.ts, flow-household.ts).
  /** A card was read before any code: who they are is known; the code (or the no-phone lane) comes next. */
  | { name: 'card'; read: IdentityRead }
  /** The no-phone lane: a card read, or an ID number to type (read null). */
  | { name: 'no-phone'; read: IdentityRead | null }
  /** A visitor's details from their card: the volunteer adds the phone and whom they visit. */
  | { name: 'card-visitor'; code: CodeRef; read: IdentityRead }
  /** The household's members who pass together with this person. */
  | { name: 'household-pick'; code: CodeRef; person: PersonRef }
  /** The next member of a household group: the colour on their phone, or the no-phone lane with their card. */
  | { name: 'member-code'; person: PersonRef; read?: IdentityRead }
  | { name: 'saving-group'; members: EntryFacts[] }
  | { name: 'group-result'; entries: Entry[] };

export interface WaitingScan {
  text: string;
  at: number;
}

/** cancelled: the person was left unrecorded; own-code: they were asked for their own code. */
export type Notice = 'cancelled' | 'own-code';

export interface FlowState {
  step: Step;
  direction: Direction;
  lane: Lane;
  /** The checks the policy also takes on the way out. */
  outChecks: OutgoingCheck[];
  vehicle: Vehicle | null;
  /** When this person's first scan or key arrived (page clock, ms), for the live figures. */
  startedAt: number | null;
  /** The volunteer says this person's code is shown on someone else's phone (a relative's code, issue 16). */
  otherPhone: boolean;
  /** The ID card read for this person (issue 15). */
  card: IdentityRead | null;
  /** A household passing together (issue 15). */
  group: Group | null;
  /** The volunteer confirmed the code is this person's although the holder's name differs (issue 13.2). */
  holderConfirmed: boolean;
  /** The next person's scan, arrived while this one was being checked: started after a visible prompt (issue 13.1). */
  waitingScan: WaitingScan | null;
  /** What the scan screen says after a person was left unrecorded (cancelled, or asked for their own code). */
  notice: Notice | null;
}

export type FlowEvent =
  | { type: 'scanned'; text: string; at: number }
  | { type: 'verified'; checkId: string; result: HealthCodeResult }
  | { type: 'verify-failed'; message: string }
  | { type: 'manual-requested'; at: number }
  | { type: 'colour-chosen'; colour: ManualColour; why: string; testBand?: ManualTestBand }
  | { type: 'other-phone-toggled' }
  | { type: 'matched'; person: PersonRef | null }
  | { type: 'person-confirmed' }
  | { type: 'someone-else' }
  | { type: 'identity-chosen'; how: 'resident-id' | 'resident-household' | 'visitor' }
  | { type: 'person-chosen'; person: PersonRef }
  | { type: 'back' }
  | { type: 'measured'; measurement: Measurement; source: 'device' | 'manual'; feverLineC: number }
  | { type: 'mask-checked'; worn: boolean }
  | { type: 'recorded'; entry: Entry }
  | { type: 'record-failed'; message: string; key?: string }
  | { type: 'retry' }
  | { type: 'override-requested' }
  | { type: 'override-authorized'; overrideId: string }
  | { type: 'direction-toggled' }
  | { type: 'lane'; lane: Lane; outChecks: OutgoingCheck[] }
  | { type: 'plate-requested' }
  | { type: 'vehicle-found'; vehicle: Vehicle }
  | { type: 'vehicle-done' }
  /** The next person (Enter on the result); `at` starts the clock of a scan that was waiting. */
  | { type: 'reset'; at?: number }
  /** Esc, Backspace or the cancel button: this person is not recorded (issue 13.1). */
  | { type: 'cancel'; at?: number }
  | { type: 'holder-confirmed' }
  | { type: 'holder-not-theirs' }
  | { type: 'card-read'; read: IdentityRead; at: number }
  | { type: 'no-phone-requested'; at: number }
  | { type: 'no-phone-read'; read: IdentityRead }
  /** The no-phone lane's status: by the district's list (no colour), or the colour seen on a paper or asked, with why. */
  | { type: 'no-phone-chosen'; manual?: { colour: ManualColour; why: string } }
  | { type: 'household-requested' }
  | { type: 'group-chosen'; others: PersonRef[] }
  | { type: 'group-recorded'; entries: Entry[] };
