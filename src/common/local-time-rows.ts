// Local clock times for many rows at once: one Intl call per local day instead of one per row.

/** Milliseconds the zone is ahead of UTC around noon of a local day (fixed for a day except on DST changes). */
export function offsetOfDay(day: string, timeZone: string, cache: Map<string, number>): number {
  let offset = cache.get(day);
  if (offset !== undefined) return offset;
  const noonUtc = Date.parse(`${day}T12:00:00Z`);
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date(noonUtc));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  offset = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute')) - noonUtc;
  cache.set(day, offset);
  return offset;
}

/** 'YYYY-MM-DD HH:MM:SS' in the compound's zone. */
export function localDateTime(atMs: number, day: string, timeZone: string, cache: Map<string, number>): string {
  return new Date(atMs + offsetOfDay(day, timeZone, cache)).toISOString().slice(0, 19).replace('T', ' ');
}
