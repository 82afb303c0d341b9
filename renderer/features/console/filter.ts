// The console's filter state, shared by the log, the statistics and exports.
import type { LogFilter } from '../../../src/common/contract/index.ts';

export type Filter = LogFilter;

export function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** Drops empty fields so the filter's key (and the query) only names what is set. */
export function cleanFilter(filter: Filter): Filter {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== '')) as Filter;
}

export const filterKey = (filter: Filter) => JSON.stringify(cleanFilter(filter));

export function clockTime(iso: string, timeZone: string): string {
  return new Date(iso).toLocaleTimeString('en-GB', { timeZone, hour12: false });
}
