// Import from CSV or XLSX: check first (dry run) with a row-by-row report, then import; all rows or none.
import { useState } from 'react';
import type { MethodOutput } from '../../../../src/common/contract/index.ts';
import { useErrorText, useI18n } from '../../../i18n/i18n-context.tsx';
import { useConsoleCall } from '../use-console-call.ts';
import { wordError } from '../../../i18n/error-text.ts';
import { useWorkProgress, WorkProgress } from '../WorkProgress.tsx';

type Kind = 'households' | 'residents' | 'vehicles' | 'commuters';
type Report = MethodOutput<'roster.import'>;

const COLUMNS: Record<Kind, string> = {
  households: '楼栋 building, 单元 unit, 房号 room, 备注 note',
  residents: '户 household (3-2-501), 姓名 name, 证件号 idNumber, 电话 phone, 卡号 cardId',
  vehicles: '户 household, 车牌 plate, 备注 note',
  commuters: '户 household, 姓名 name, 出门时间 usualOut, 回家时间 usualIn, 工作日 days (1,2,3,4,5), 车牌 plate',
};

/** A file may name its columns in either language; the hint names them in the screen's. */
const columnsIn = (columns: string, language: 'zh' | 'en') =>
  columns.split(', ').map((pair) => (language === 'zh' ? pair.replace(/ [A-Za-z]+/, '') : pair.replace(/^\S+ /, ''))).join(language === 'zh' ? '、' : ', ');

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function ImportPanel() {
  const errorText = useErrorText();
  const { t, language } = useI18n();
  const call = useConsoleCall();
  const [kind, setKind] = useState<Kind>('households');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const work = useWorkProgress();
  const [busy, setBusy] = useState(false);

  async function run(dryRun: boolean) {
    if (!file) return;
    setError(null);
    setBusy(true);
    try {
      const format = /\.xlsx$/i.test(file.name) ? 'xlsx' : 'csv';
      setReport(await call('roster.import', { kind, format, fileName: file.name, base64: await toBase64(file), dryRun, progressId: work.start() }));
    } catch (e) {
      setError(errorText(e));
      setReport(null);
    } finally {
      work.end();
      setBusy(false);
    }
  }

  return (
    <section className="import-panel">
      <select aria-label={t('importKind')} value={kind} onChange={(e) => (setKind(e.target.value as Kind), setReport(null))}>
        {(['households', 'residents', 'vehicles', 'commuters'] as const).map((k) => <option key={k} value={k}>{t(`roster${k[0]!.toUpperCase()}${k.slice(1)}` as 'rosterHouseholds')}</option>)}
      </select>
      <p className="hint">{t('importColumns')}: {columnsIn(COLUMNS[kind], language)}</p>
      <input type="file" aria-label={t('importFile')} accept=".csv,.xlsx,text/csv" onChange={(e) => (setFile(e.target.files?.[0] ?? null), setReport(null))} />
      <button type="button" className="secondary" disabled={!file || busy} onClick={() => void run(true)}>{t('importCheck')}</button>
      <button type="button" className="primary" disabled={!file || busy || (report !== null && !report.ok)} onClick={() => void run(false)}>{t('importRun')}</button>
      {busy && <WorkProgress task="import" progress={work.progress} />}
      {error && <p className="form-error" role="alert">{error}</p>}
      {report && (
        <div className="import-report" role="status" data-ok={report.ok}>
          <p>{report.ok ? (report.dryRun ? t('importAllGood', { n: report.rows }) : t('importDone', { n: report.imported })) : t('importProblems', { n: report.problems.length, rows: report.rows })}</p>
          {report.problems.length > 0 && (
            <table className="plain-table">
              <thead><tr><th>{t('importRow')}</th><th>{t('importProblem')}</th></tr></thead>
              <tbody>{report.problems.map((p) => <tr key={p.row}><td>{p.row}</td><td>{wordError(t, { code: 'bad-input', ...p })}</td></tr>)}</tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
