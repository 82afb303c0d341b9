// The console's filter state, shared by the log, the statistics and exports.
import type { LogFilter } from '../../../src/common/contract/index.ts';

export type Filter = LogFilter;

/** Drops empty fields so the filter's key (and the query) only names what is set. */
export function cleanFilter(filter: Filter): Filter {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== '')) as Filter;
}

export const filterKey = (filter: Filter) => JSON.stringify(cleanFilter(filter));
