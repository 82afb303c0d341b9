// Rows of the log fetched page by page as the table scrolls: 100,000 rows never cross the bridge at once, and a
// changed filter drops every page of the old one (late answers for it are ignored).
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { LogRow } from '../../../../src/common/contract/index.ts';
import { filterKey, type Filter } from '../filter.ts';
import { useConsoleCall } from '../use-console-call.ts';
import { useErrorText } from '../../../i18n/i18n-context.tsx';

export const PAGE_SIZE = 500;

export function useLogPages(filter: Filter) {
  const errorText = useErrorText();
  const call = useConsoleCall();
  const key = filterKey(filter);
  const [total, setTotal] = useState<number | null>(null);
  // A capped count is a lower bound that grows as deeper pages count further; an exact one replaces it.
  const [totalIsLowerBound, setTotalIsLowerBound] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const pages = useRef(new Map<number, LogRow[]>());
  const pending = useRef(new Set<number>());
  const generation = useRef(0);
  const exact = useRef(false);
  const current = useRef(filter);
  current.current = filter;

  const load = useCallback(
    (page: number) => {
      if (pages.current.has(page) || pending.current.has(page)) return;
      pending.current.add(page);
      const asked = generation.current;
      call('log.query', { filter: current.current, offset: page * PAGE_SIZE, limit: PAGE_SIZE })
        .then((answer) => {
          if (asked !== generation.current) return;
          pages.current.set(page, answer.rows);
          if (!answer.totalIsLowerBound) {
            exact.current = true;
            setTotal(answer.total);
            setTotalIsLowerBound(false);
          } else if (!exact.current) {
            setTotal((known) => Math.max(known ?? 0, answer.total));
            setTotalIsLowerBound(true);
          }
          rerender();
        })
        .catch((e: unknown) => asked === generation.current && setError(errorText(e)))
        .finally(() => asked === generation.current && pending.current.delete(page));
    },
    [call],
  );

  useEffect(() => {
    generation.current++;
    pages.current = new Map();
    pending.current = new Set();
    setTotal(null);
    setTotalIsLowerBound(false);
    exact.current = false;
    setError(null);
    load(0);
  }, [key, load]);

  const ensure = useCallback(
    (first: number, last: number) => {
      for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) load(page);
    },
    [load],
  );
  const row = useCallback((index: number): LogRow | undefined => pages.current.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], []);
  return { total, totalIsLowerBound, error, row, ensure };
}
