// The registry upload in one glance: up to date, N waiting, or offline since when.
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../src/contract/index.ts';
import { useBridge, useCall } from '../../api/bridge-context.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';

type SyncStatus = MethodOutput<'sync.status'>;

const symbol: Record<SyncStatus['state'], string> = { 'up-to-date': '✔', waiting: '⇡', offline: '⚠', 'not-enrolled': '○', stopped: '○' };

export function SyncBadge({ timeZone }: { timeZone: string }) {
  const { t } = useI18n();
  const call = useCall();
  const bridge = useBridge();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    call('sync.status', {}).then(setStatus).catch(() => {});
    return bridge.subscribe('sync.status', setStatus);
  }, [bridge, call]);
  if (!status) return null;
  const clock = (iso: string | null) => (iso ? new Date(iso).toLocaleTimeString('zh-CN', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }) : '');
  const text =
    status.state === 'up-to-date'
      ? t('syncUpToDate', { time: clock(status.upTo) })
      : status.state === 'waiting'
        ? t('syncWaiting', { n: status.waiting })
        : status.state === 'offline'
          ? t('syncOffline', { time: clock(status.offlineSince), n: status.waiting })
          : t('syncNotEnrolled', { n: status.waiting });
  return (
    <span className={`sync-badge ${status.state}`} title={status.lastError?.message ?? status.summary} data-sync-state={status.state}>
      {symbol[status.state]} {text}
    </span>
  );
}
