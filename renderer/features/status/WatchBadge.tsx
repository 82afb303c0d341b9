// The district watch list's version and age in the header (the age is the registry's signed time); a warning when
// it has not been confirmed for a day, since a stale list may miss someone.
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../src/common/contract/index.ts';
import { useBridge, useCall } from '../../api/bridge-context.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';

type WatchStatus = MethodOutput<'watch.status'>;

const STALE_SECONDS = 24 * 3600;

export function WatchBadge() {
  const { t } = useI18n();
  const call = useCall();
  const bridge = useBridge();
  const [status, setStatus] = useState<WatchStatus | null>(null);
  useEffect(() => {
    const load = () => void call('watch.status', {}).then(setStatus).catch(() => {});
    load();
    const timer = setInterval(load, 60_000);
    const stop = bridge.subscribe('sync.status', load);
    return () => {
      clearInterval(timer);
      stop();
    };
  }, [bridge, call]);
  if (!status || !status.keyed) return null;
  if (status.version === 0 || status.ageSeconds === null) return <span className="watch-badge none">{t('watchNone')}</span>;
  const age = ageText(status.ageSeconds, t);
  const stale = status.ageSeconds > STALE_SECONDS;
  return (
    <span className={`watch-badge${stale ? ' stale' : ''}`} data-watch-version={status.version} role={stale ? 'alert' : undefined}>
      {stale ? `⚠ ${t('watchStale', { age })}` : t('watchAge', { version: status.version, age })}
    </span>
  );
}

function ageText(seconds: number, t: ReturnType<typeof useI18n>['t']): string {
  if (seconds < 3600) return t('syncAgeMinutes', { n: Math.floor(seconds / 60) });
  if (seconds < 2 * 86_400) return t('syncAgeHours', { n: Math.floor(seconds / 3600) });
  return t('syncAgeDays', { n: Math.floor(seconds / 86_400) });
}
