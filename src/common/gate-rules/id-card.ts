// Small rules about a read ID card and its holder, shared by the core, the CLI and the screen.

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
