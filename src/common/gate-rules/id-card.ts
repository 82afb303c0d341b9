// Small rules about a read ID card and its holder, shared by the core, the CLI and the screen.
import type { NoPhoneBasis, NoPhoneLane } from '../contract/policy.ts';

/** A card valid until a day before `today` (both YYYY-MM-DD, local) has run out; 'long-term' (长期) never does. */
export function cardExpired(validUntil: string, today: string): boolean {
  return validUntil !== 'long-term' && validUntil < today;
}

/** Whole years from a birth date to `today` (both YYYY-MM-DD). */
export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** The birth date an 18-digit (or 15-digit, 19xx) resident ID number carries, or null for other documents. */
export function birthDateOfIdNumber(number: string): string | null {
  const digits = number.length === 18 ? number.slice(6, 14) : number.length === 15 ? `19${number.slice(6, 12)}` : null;
  if (!digits || !/^\d{8}$/.test(digits)) return null;
  const iso = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}


export type NoPhoneVerdict = { allowed: true; basis: NoPhoneBasis } | { allowed: false; why: 'lane-closed' | 'not-eligible' };

/**
 * Whether the policy's no-code lane admits this person, and on what basis: over 60, under 14 (by the age the card or
 * the typed number gives), or registered on the roster as without a smartphone.
 */
export function noPhoneVerdict(lane: NoPhoneLane, person: { age: number | null; registeredNoPhone: boolean }): NoPhoneVerdict {
  if (!lane.open) return { allowed: false, why: 'lane-closed' };
  const { age } = person;
  if (age !== null && age >= 60 && lane.for.includes('over-60')) return { allowed: true, basis: 'over-60' };
  if (age !== null && age < 14 && lane.for.includes('under-14')) return { allowed: true, basis: 'under-14' };
  if (person.registeredNoPhone && lane.for.includes('registered-no-phone')) return { allowed: true, basis: 'registered-no-phone' };
  return { allowed: false, why: 'not-eligible' };
}

const chars = (name: string) => [...name.normalize('NFKC').replace(/\s+/g, '').toLowerCase()];
const shown = (c: string | undefined) => c !== undefined && c !== '*';

/**
 * A name on a code against the card's full name. Codes often carry the holder masked (李*, 王*明): only the characters
 * the code shows are compared (the first, and the last when both names are longer than two characters); a code name in
 * full must match in full.
 */
export function namesAgree(holder: string, card: string): 'same' | 'different' | 'unknown' {
  const a = chars(holder);
  const b = chars(card);
  if (a.length === 0 || b.length === 0 || (!shown(a[0]) && !shown(a.at(-1)))) return 'unknown';
  if (shown(a[0]) && a[0] !== b[0]) return 'different';
  if (a.length > 2 && b.length > 2 && shown(a.at(-1)) && a.at(-1) !== b.at(-1)) return 'different';
  if (!a.includes('*')) return a.join('') === b.join('') ? 'same' : 'different';
  return 'same';
}

/**
 * A card beside a code's holder, as the core holds them: by the keyed ID hash when the code carries one (decisive),
 * else by the name (masked on some codes); unknown when the code names nobody.
 */
export function cardAgainstHolder(card: { idHash: string; name: string | null }, holder: { idHash?: string | undefined; name?: string | undefined }): { agreement: 'same' | 'different' | 'unknown'; by: 'id-number' | 'name' | null } {
  if (holder.idHash) return { agreement: holder.idHash === card.idHash ? 'same' : 'different', by: 'id-number' };
  if (holder.name && card.name) {
    const agreement = namesAgree(holder.name, card.name);
    return { agreement, by: agreement === 'unknown' ? null : 'name' };
  }
  return { agreement: 'unknown', by: null };
}
