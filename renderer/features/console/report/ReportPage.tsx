// The daily report for the district on one A4 sheet: print it (browser), or save it as PDF (the Electron kiosk).
import { useState } from 'react';
import { useErrorText, useI18n } from '../../../i18n/i18n-context.tsx';
import { useSession } from '../../../api/session-context.tsx';
import { HourChart, ReasonsChart } from '../stats/charts.tsx';
import { Figures, ShiftTable } from '../stats/Figures.tsx';
import { useStats } from '../stats/use-stats.ts';
import { useConsoleCall } from '../use-console-call.ts';
import './report.css';
import type { SetupStatus, SystemInfo } from '../../../api/kiosk-info.ts';

export function ReportPage({ info, status, day }: { info: SystemInfo; status: SetupStatus; day: string }) {
  const errorText = useErrorText();
  const { t } = useI18n();
  const { user } = useSession();
  const call = useConsoleCall();
  const { stats } = useStats({ from: day });
  const [message, setMessage] = useState<string | null>(null);
  const electron = document.documentElement.dataset.transport === 'electron';

  async function savePdf() {
    try {
      const saved = await call('report.savePdf', { name: `daily-report-${day}` });
      setMessage(t('savedPdf', { path: saved.path }));
    } catch (e) {
      setMessage(errorText(e));
    }
  }

  return (
    <main className="report-page">
      <div className="report-actions no-print">
        <button type="button" className="primary" onClick={() => window.print()}>
          {t('print')}
        </button>
        {electron && (
          <button type="button" className="secondary" onClick={() => void savePdf()}>
            {t('savePdf')}
          </button>
        )}
        {message && <span role="status">{message}</span>}
      </div>
      {stats && (
        <article className="a4-report" data-testid="daily-report">
          <header>
            <h2>{t('reportTitle', { compound: status.compoundName })}</h2>
            <p>
              {t('reportDay', { day })} {status.compoundCode && `· ${status.compoundCode}`}
            </p>
          </header>
          <Figures stats={stats} />
          <section>
            <h3>{t('chartPerHour')}</h3>
            <HourChart perHour={stats.perHour} width={700} height={210} />
          </section>
          <div className="report-row">
            <section>
              <h3>{t('chartReasons')}</h3>
              <ReasonsChart reasons={stats.refusalsByReason.slice(0, 6)} feverLineC={info.policy.feverLineC} width={340} />
            </section>
          </div>
          <section className="report-shifts">
            <h3>{t('chartShifts')}</h3>
            <ShiftTable shifts={stats.perShift.slice(0, 6)} />
          </section>
          <footer>{t('reportGenerated', { who: user?.displayName ?? '', at: new Date().toLocaleString('zh-CN', { timeZone: info.timeZone, hour12: false }) })}</footer>
        </article>
      )}
    </main>
  );
}
