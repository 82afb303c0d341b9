// Today's entries, newest first; a new pass or refusal appears the moment it is committed.
import { useEffect, useState } from 'react';
import type { Entry } from '../../../src/common/contract/index.ts';
import { useBridge, useCall } from '../../api/bridge-context.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { reasonKey } from '../../i18n/reasons.ts';
import { clockHHMMSS } from '../../../src/common/local-time.ts';
import { groupRows } from './group-rows.ts';

const SHOWN = 50;

export function TodayLog({ feverLineC, timeZone }: { feverLineC: number; timeZone: string }) {
  const { t } = useI18n();
  const call = useCall();
  const bridge = useBridge();
  const [entries, setEntries] = useState<Entry[]>([]);
  const [total, setTotal] = useState(0);

  useEffect(() => {
    call('entries.today', { limit: SHOWN })
      .then((today) => {
        setEntries(today.entries);
        setTotal(today.total);
      })
      .catch(() => {});
    return bridge.subscribe('entries.recorded', (entry) => {
      setEntries((list) => [entry, ...list.filter((e) => e.id !== entry.id)].slice(0, SHOWN));
      setTotal((n) => n + 1);
    });
  }, [bridge, call]);

  return (
    <aside className="today-log" aria-label={t('todayLog')}>
      <h3>
        {t('todayLog')} <span className="count">{t('totalToday', { n: total })}</span>
      </h3>
      {entries.length === 0 ? (
        <p className="hint">{t('empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('colTime')}</th>
              <th>{t('colName')}</th>
              <th>{t('colCode')}</th>
              <th>{t('colTemp')}</th>
              <th>{t('colDecision')}</th>
            </tr>
          </thead>
          <tbody>
            {groupRows(entries).map((row) => {
              if (row.kind === 'group') {
                const [first] = row.entries;
                const refused = row.entries.filter((e) => e.decision === 'refuse');
                const hottest = Math.max(...row.entries.map((e) => e.temperature?.bodyC ?? 0));
                return (
                  <tr key={row.groupId} className={`group ${refused.length ? 'refuse' : 'pass'}`} data-group-id={row.groupId} data-members={row.entries.length}>
                    <td>{clockHHMMSS(first!.at, timeZone)}</td>
                    <td>👪 {t('groupRow', { name: first!.identity.name ?? '—', n: row.entries.length - 1 })}</td>
                    <td>{row.entries.map((e) => t(e.code.status === 'error' ? 'couldNotVerify' : e.code.status)).join(' / ')}</td>
                    <td>{hottest > 0 ? hottest.toFixed(1) : '—'}</td>
                    <td title={refused.flatMap((e) => e.reasons.map((r) => t(reasonKey(r), { line: feverLineC }))).join('、')}>
                      {t('groupPassed', { n: row.entries.length - refused.length })}
                      {refused.length > 0 && ` · ✖ ${t('groupRefused', { n: refused.length })}`}
                    </td>
                  </tr>
                );
              }
              const e = row.entry;
              return (
                <tr key={e.id} className={e.decision} data-entry-id={e.id}>
                  <td>{clockHHMMSS(e.at, timeZone)}</td>
                  <td>{e.identity.name ?? '—'}</td>
                  <td className={`code ${e.code.status}`}>{t(e.code.status === 'error' ? 'couldNotVerify' : e.code.status)}</td>
                  <td>{e.temperature ? e.temperature.bodyC.toFixed(1) : '—'}</td>
                  <td title={e.reasons.map((r) => t(reasonKey(r), { line: feverLineC })).join('、')}>
                    {e.decision === 'pass' ? `✔ ${t('pass')}` : `✖ ${t('refuse')}`}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </aside>
  );
}
