// Retention: what is due for deletion, what waits for the registry first, and a purge now (audited).
import { useCallback, useEffect, useState } from 'react';
import type { MethodOutput } from '../../../src/common/contract/index.ts';
import { useErrorText, useI18n } from '../../i18n/i18n-context.tsx';
import { useConsoleCall } from './use-console-call.ts';
import { useWorkProgress, WorkProgress } from './WorkProgress.tsx';

export function DataPage() {
  const errorText = useErrorText();
  const { t } = useI18n();
  const call = useConsoleCall();
  const [status, setStatus] = useState<MethodOutput<'retention.status'> | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const work = useWorkProgress();
  const [purging, setPurging] = useState(false);
  const purge = () => {
    setPurging(true);
    setMessage(null);
    call('retention.purge', { progressId: work.start() })
      .then((r) => (setMessage(t('purged', { n: r.purged })), reload()), (e: unknown) => setMessage(errorText(e)))
      .finally(() => (work.end(), setPurging(false)));
  };
  const reload = useCallback(() => void call('retention.status', {}).then(setStatus, (e: unknown) => setMessage(errorText(e))), [call]);
  useEffect(reload, [reload]);
  if (!status) return null;
  return (
    <main className="data-page">
      <h2>{t('retentionTitle')}</h2>
      <p>{t('retentionText', { days: status.retentionDays })}</p>
      <ul>
        <li>{t('retentionDue', { n: status.due, cutoff: status.cutoffDay })}</li>
        <li>{t('retentionWaiting', { n: status.keptNotUploaded })}</li>
        <li>{t('retentionOldest', { day: status.oldestDay ?? '—' })}</li>
      </ul>
      <button type="button" className="primary" disabled={status.due === 0 || purging} onClick={purge}>
        {t('purgeNow')}
      </button>
      {purging && <WorkProgress task="purge" progress={work.progress} />}
      {message && <p role="status">{message}</p>}
    </main>
  );
}
