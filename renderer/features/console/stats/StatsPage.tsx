// Statistics for a day or range with the log's filters: figures, hours, reasons, fast lane, days and shifts.
import { useI18n } from '../../../i18n/i18n-context.tsx';
import type { Filter } from '../filter.ts';
import { FilterBar } from '../log/FilterBar.tsx';
import { DayChart, HourChart, ReasonsChart, ShareRing } from './charts.tsx';
import { Figures, ShiftTable } from './Figures.tsx';
import { useStats } from './use-stats.ts';
import type { SystemInfo } from '../../../api/kiosk-info.ts';

export function StatsPage({ info, filter, setFilter }: { info: SystemInfo; filter: Filter; setFilter: (f: Filter) => void }) {
  const { t } = useI18n();
  const { stats, error } = useStats(filter);
  return (
    <main className="stats-page">
      <FilterBar filter={filter} setFilter={setFilter} feverLineC={info.policy.feverLineC} timeZone={info.timeZone} full={false} />
      {error && <p className="form-error" role="alert">{error}</p>}
      {!stats ? <p className="hint">{t('loading')}</p> : (
        <>
          <Figures stats={stats} />
          <div className="chart-grid">
            <section className="panel wide">
              <h3>{t('chartPerHour')}</h3>
              <HourChart perHour={stats.perHour} />
            </section>
            <section className="panel">
              <h3>{t('chartReasons')}</h3>
              <ReasonsChart reasons={stats.refusalsByReason} feverLineC={info.policy.feverLineC} />
            </section>
            <section className="panel">
              <h3>{t('kpiFast')}</h3>
              <ShareRing share={stats.fastLaneShare} label={t('kpiFast')} />
            </section>
            {stats.perDay.length > 1 && (
              <section className="panel wide">
                <h3>{t('chartPerDay')}</h3>
                <DayChart perDay={stats.perDay} />
              </section>
            )}
            <section className="panel wide">
              <h3>{t('chartShifts')}</h3>
              <ShiftTable shifts={stats.perShift} />
            </section>
          </div>
        </>
      )}
    </main>
  );
}
