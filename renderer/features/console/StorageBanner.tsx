// Loud at the top of every console page: a damaged database, a broken audit chain, a roster key that does not fit,
// and the gaps the registry reports in its copy, each with what the kiosk says to do; registry problems are
// acknowledged with a note (audited).
import { useCallback, useEffect, useState } from 'react';
import type { MethodOutput } from '../../../src/common/contract/index.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useConsoleCall } from './use-console-call.ts';

const RECHECK_MS = 60_000;

export function StorageBanner() {
  const { t } = useI18n();
  const call = useConsoleCall();
  const [storage, setStorage] = useState<MethodOutput<'system.storage'> | null>(null);
  const [sync, setSync] = useState<MethodOutput<'sync.status'> | null>(null);
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const reload = useCallback(() => {
    call('system.storage', {}).then(setStorage, () => {});
    call('sync.status', {}).then(setSync, () => {});
  }, [call]);
  useEffect(() => {
    reload();
    const timer = setInterval(reload, RECHECK_MS);
    return () => clearInterval(timer);
  }, [reload]);
  const problems = sync?.problems ?? [];
  if ((!storage || storage.state === 'ok') && problems.length === 0) return null;
  return (
    <section className="storage-banner no-print" role="alert" data-testid="storage-banner">
      {storage && storage.state !== 'ok' && (
        <>
          <h2>⚠ {t('storageTitle')}</h2>
          <ul>
            {storage.problems.map((p) => (
              <li key={p.area} data-area={p.area}>
                <strong>{t(`storageArea_${p.area}`)}</strong>：{t(`storageDo_${p.area}`)}
                {/* The check's own finding (a file, an SQLite message) is technical English, shown as such. */}
                <small className="technical-detail" lang="en" translate="no"> {p.message}</small>
              </li>
            ))}
          </ul>
        </>
      )}
      {problems.length > 0 && (
        <>
          <h2>⚠ {t('storageRegistryTitle')}</h2>
          <ul>
            {problems.map((p, i) => (
              <li key={i} data-registry-problem={p.kind}>
                {t(p.log === 'audit' ? 'syncProblemAudit' : 'syncProblemEntries', { kind: p.kind, from: p.fromSeq, to: p.toSeq })}: {p.detail}
              </li>
            ))}
          </ul>
          <form onSubmit={(e) => (e.preventDefault(), void call('sync.acknowledgeProblems', { note }).then((r) => { setMessage(t('storageAcknowledged', { n: r.acknowledged })); setNote(''); reload(); }, (error: Error) => setMessage(error.message)))}>
            <label>
              {t('storageAcknowledgeNote')} <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} />
            </label>
            <button type="submit" className="secondary" disabled={note.trim().length < 2}>
              {t('storageAcknowledge')}
            </button>
          </form>
        </>
      )}
      {message && <p role="status">{message}</p>}
    </section>
  );
}
