// The headline figures as large numbers, shared by the statistics page and the printed report.
import type { LogStats } from '../../../../src/common/contract/index.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';

export function Figures({ stats }: { stats: LogStats }) {
  const { t } = useI18n();
  const figures: Array<[string, string, string?]> = [
    [t('kpiTotal'), stats.total.toLocaleString('en-US')],
    [t('kpiIn'), stats.in.toLocaleString('en-US')],
    [t('kpiOut'), stats.out.toLocaleString('en-US')],
    [t('kpiRefused'), stats.refused.toLocaleString('en-US'), stats.refused ? 'alert' : undefined],
    [t('kpiFevers'), String(stats.fevers), stats.fevers ? 'alert' : undefined],
    [t('kpiFast'), `${Math.round(stats.fastLaneShare * 100)}%`],
    [t('kpiPeakHour'), stats.peakHour === null ? '—' : `${stats.peakHour}:00–${stats.peakHour + 1}:00`],
    [t('kpiPeakPace'), stats.medianSecondsAtPeak === null ? '—' : t('seconds', { n: stats.medianSecondsAtPeak })],
  ];
  return (
    <dl className="figures">
      {figures.map(([label, value, tone]) => (
        <div key={label} className={`figure ${tone ?? ''}`}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ShiftTable({ shifts }: { shifts: LogStats['perShift'] }) {
  const { t } = useI18n();
  return (
    <table className="shift-table">
      <thead>
        <tr>
          <th>{t('colShift')}</th>
          <th>{t('kpiTotal')}</th>
          <th>{t('kpiIn')}</th>
          <th>{t('kpiOut')}</th>
          <th>{t('kpiRefused')}</th>
          <th>{t('kpiFevers')}</th>
          <th>{t('kpiFast')}</th>
          <th>{t('kpiPeakPace')}</th>
        </tr>
      </thead>
      <tbody>
        {shifts.map((s) => (
          <tr key={s.shift}>
            <td translate="no">{s.shift}</td>
            <td>{s.total}</td>
            <td>{s.in}</td>
            <td>{s.out}</td>
            <td>{s.refused}</td>
            <td>{s.fevers}</td>
            <td>{Math.round(s.fastLaneShare * 100)}%</td>
            <td>{s.medianSecondsAtPeak === null ? '—' : t('seconds', { n: s.medianSecondsAtPeak })}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
