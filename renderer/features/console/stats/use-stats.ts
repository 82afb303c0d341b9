import { useEffect, useState } from 'react';
import type { LogStats } from '../../../../src/common/contract/index.ts';
import { cleanFilter, filterKey, type Filter } from '../filter.ts';
import { useConsoleCall } from '../use-console-call.ts';
import { useErrorText } from '../../../i18n/i18n-context.tsx';

export function useStats(filter: Filter): { stats: LogStats | null; error: string | null } {
  const errorText = useErrorText();
  const call = useConsoleCall();
  const [stats, setStats] = useState<LogStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = filterKey(filter);
  useEffect(() => {
    let live = true;
    setStats(null);
    call('stats.summary', { filter: JSON.parse(key) as Filter }).then(
      (s) => live && setStats(s),
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [call, key]);
  return { stats, error };
}
export { cleanFilter };
