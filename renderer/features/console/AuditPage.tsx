// The audit log, newest first, read only: nobody can change it (the database refuses), managers can read it.
import { useEffect, useState } from 'react';
import type { AuditRecord } from '../../../src/common/contract/index.ts';
import { useErrorText, useI18n } from '../../i18n/i18n-context.tsx';
import { useConsoleCall } from './use-console-call.ts';
import { actionWords, detailWords } from './audit-words.ts';
import type { SystemInfo } from '../../api/kiosk-info.ts';

export function AuditPage({ info }: { info: SystemInfo }) {
  const errorText = useErrorText();
  const { t } = useI18n();
  const call = useConsoleCall();
  const [records, setRecords] = useState<AuditRecord[]>([]);
  const [action, setAction] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('audit.list', { action: action || undefined, limit: 200 }).then((r) => setRecords(r.records), (e: unknown) => setError(errorText(e)));
  }, [call, action]);

  const more = () => {
    const last = records.at(-1);
    if (last) void call('audit.list', { action: action || undefined, beforeSeq: last.seq, limit: 200 }).then((r) => setRecords((old) => [...old, ...r.records]));
  };

  return (
    <main className="audit-page">
      <h2>{t('auditTitle')}</h2>
      <select aria-label={t('colAction')} value={action} onChange={(e) => setAction(e.target.value)}>
        <option value="">{t('auditAllActions')}</option>
        {['sign-in', 'sign-in-failed', 'account-locked', 'account-created', 'account-changed', 'account-unlocked', 'export', 'reveal', 'policy-change', 'override', 'purge', 'setup', 'card-revoked', 'roster-import', 'print-cards'].map((a) => (
          <option key={a} value={a}>{actionWords(t, a)}</option>
        ))}
      </select>
      {error && <p className="form-error" role="alert">{error}</p>}
      <table className="plain-table audit-table">
        <thead>
          <tr>
            <th>{t('colAt')}</th>
            <th>{t('colActor')}</th>
            <th>{t('colAction')}</th>
            <th>{t('colSubject')}</th>
            <th>{t('colDetail')}</th>
          </tr>
        </thead>
        <tbody>
          {records.map((r) => (
            <tr key={r.seq} data-action={r.action}>
              <td>{new Date(r.at).toLocaleString('zh-CN', { timeZone: info.timeZone, hour12: false })}</td>
              <td><span translate="no">{r.actor}</span>{r.actorRole ? ` (${t(`role_${r.actorRole as 'manager'}`)})` : ''}</td>
              <td>{actionWords(t, r.action)}</td>
              <td translate="no">{r.subject ?? ''}</td>
              <td className="detail-words">{detailWords(t, r.detail)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {records.length >= 200 && <button type="button" className="secondary" onClick={more}>{t('more')}</button>}
    </main>
  );
}
