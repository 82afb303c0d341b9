// Is the code's holder the person chosen at the gate? Names on codes arrive masked (张*, 张*丰, S***h) and the gate
// sees people masked too, so only the characters both sides show are compared: the first, and the last when both
// names are longer than two characters. A difference is a reason to ask, never a verdict: a relative's code shown
// through someone else's account is a real case, and the volunteer says whose code it is.

export type HolderAgreement = 'same' | 'different' | 'unknown';

const chars = (name: string) => [...name.normalize('NFKC').trim().toLowerCase()].filter((c) => c !== ' ');
const shown = (c: string | undefined) => c !== undefined && c !== '*';

export function holderAgreement(holder: string | null | undefined, person: string | null | undefined): HolderAgreement {
  if (!holder || !person) return 'unknown';
  const a = chars(holder);
  const b = chars(person);
  if (a.length === 0 || b.length === 0 || (!shown(a[0]) && !shown(a.at(-1)))) return 'unknown';
  if (shown(a[0]) && shown(b[0]) && a[0] !== b[0]) return 'different';
  if (a.length > 2 && b.length > 2 && shown(a.at(-1)) && shown(b.at(-1)) && a.at(-1) !== b.at(-1)) return 'different';
  // Both in full: every character counts.
  if (!a.includes('*') && !b.includes('*') && a.join('') !== b.join('')) return 'different';
  return 'same';
}
