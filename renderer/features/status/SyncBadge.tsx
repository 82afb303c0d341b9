// The registry upload in one glance: up to date, N waiting, or offline since when; a loud warning when the kiosk
// clock is off from the registry's, and the trust list's age on hover.
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../src/common/contract/index.ts';
import { CLOCK_WARNING_SECONDS } from '../../../src/common/contract/methods/sync.ts';
import { useBridge, useCall } from '../../api/bridge-context.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { clockHHMM } from '../../../src/common/local-time.ts';

type SyncStatus = MethodOutput<'sync.status'>;

const symbol: Record<SyncStatus['state'], string> = { 'up-to-date': '✔', waiting: '⇡', offline: '⚠', 'not-enrolled': '○', stopped: '○', problems: '⚠' };

export function SyncBadge({ timeZone }: { timeZone: string }) {
  const { t, language } = useI18n();
  const call = useCall();
  const bridge = useBridge();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    call('sync.status', {}).then(setStatus).catch(() => {});
    return bridge.subscribe('sync.status', setStatus);
  }, [bridge, call]);
  if (!status) return null;
  const clock = (iso: string | null) => (iso ? clockHHMM(iso, timeZone) : '');
  const text =
    status.state === 'up-to-date'
      ? t('syncUpToDate', { time: clock(status.upTo) })
      : status.state === 'waiting'
        ? t('syncWaiting', { n: status.waiting })
        : status.state === 'offline'
          ? t('syncOffline', { time: clock(status.offlineSince), n: status.waiting })
          : status.state === 'problems'
            ? t('syncRegistryProblems', { n: status.problems?.length ?? 0 })
            : t('syncNotEnrolled', { n: status.waiting });
  const skew = status.clockSkewSeconds;
  const clockOff = skew !== undefined && Math.abs(skew) > CLOCK_WARNING_SECONDS;
  const trust = status.downlink?.find((d) => d.kind === 'trust-list' && d.version > 0);
  const trustAge = trust ? t('syncTrustListAge', { version: trust.version, age: age(trust.ageSeconds, t) }) : t('syncTrustListNone');
  const problems = (status.problems ?? []).map((p) => t(p.log === 'audit' ? 'syncProblemAudit' : 'syncProblemEntries', { kind: p.kind, from: p.fromSeq, to: p.toSeq }));
  // The core's summary and the registry's error are English: the Chinese screen says the worded state instead.
  const title = [language === 'en' ? (status.lastError?.message ?? status.summary) : text, ...problems, trustAge].join('\n');
  return (
    <>
      <span className={`sync-badge ${status.state}`} title={title} data-sync-state={status.state}>
        {symbol[status.state]} {text}
      </span>
      {clockOff && (
        <span className="sync-clock-warning" role="alert" data-clock-skew={skew}>
          ⚠ {t(skew > 0 ? 'syncClockAhead' : 'syncClockBehind', { n: Math.max(1, Math.round(Math.abs(skew) / 60)) })}
        </span>
      )}
    </>
  );
}

function age(seconds: number, t: ReturnType<typeof useI18n>['t']): string {
  if (seconds < 3600) return t('syncAgeMinutes', { n: Math.floor(seconds / 60) });
  if (seconds < 2 * 86_400) return t('syncAgeHours', { n: Math.floor(seconds / 3600) });
  return t('syncAgeDays', { n: Math.floor(seconds / 86_400) });
}
