// The gate policy: the rules applied are exactly these, nothing added at the gate.
import { z } from 'zod';

export const Policy = z.object({
  /** At or above this body temperature a person is refused (after a second measurement). */
  feverLineC: z.number().min(36.5).max(39).default(37.3),
});
export type Policy = z.infer<typeof Policy>;
