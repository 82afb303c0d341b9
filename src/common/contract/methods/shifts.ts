import { z } from 'zod';
import { defineMethods } from './define.ts';
import { Shift, ShiftSummary, VolunteerCredentials } from '../shifts.ts';

export const shiftMethods = defineMethods({
  /** The shift on duty, or null when nobody has signed on. */
  'shifts.current': { access: 'volunteer', input: z.object({}).strict(), output: z.object({ shift: Shift.nullable() }) },
  /** A volunteer signs on with name and PIN; refused while another shift is on (hand over instead). */
  'shifts.signOn': { access: 'volunteer', input: VolunteerCredentials, output: Shift },
  /** The current shift's summary so far, for the hand-over screen. */
  'shifts.summary': { access: 'volunteer', input: z.object({}).strict(), output: ShiftSummary },
  /** Both volunteers confirm the summary with their PINs: the outgoing shift ends, the incoming one starts. */
  'shifts.handOver': {
    access: 'volunteer',
    input: z.object({ outgoingPin: VolunteerCredentials.shape.pin, incoming: VolunteerCredentials.nullable() }),
    output: z.object({ summary: ShiftSummary, ended: Shift, started: Shift.nullable() }),
  },
});
