// CSV and Excel downloads of what the filters show, in the screen's language; the core watermarks and audits each
// one, and says how far it is while it writes.
import { useState } from 'react';
import type { ExportFormat } from '../../../../src/common/contract/index.ts';
import { useErrorText, useI18n } from '../../../i18n/i18n-context.tsx';
import type { Filter } from '../filter.ts';
import { cleanFilter } from '../filter.ts';
import { useConsoleCall } from '../use-console-call.ts';
import { useWorkProgress, WorkProgress } from '../WorkProgress.tsx';

export function ExportButtons({ filter }: { filter: Filter }) {
  const errorText = useErrorText();
  const { t, language } = useI18n();
  const call = useConsoleCall();
  const work = useWorkProgress();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function download(format: ExportFormat) {
    setBusy(true);
    setMessage(null);
    try {
      const file = await call('export.log', { filter: cleanFilter(filter), format, language, progressId: work.start() });
      const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
      const link = document.createElement('a');
      link.href = url;
      link.download = file.fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setMessage(t('exported', { n: file.rows, file: file.fileName }));
    } catch (e) {
      setMessage(errorText(e));
    } finally {
      work.end();
      setBusy(false);
    }
  }

  return (
    <div className="export-buttons">
      <button type="button" className="secondary" disabled={busy} onClick={() => void download('csv')}>
        {t('exportCsv')}
      </button>
      <button type="button" className="secondary" disabled={busy} onClick={() => void download('xlsx')}>
        {t('exportXlsx')}
      </button>
      {busy && <WorkProgress task="export" progress={work.progress} />}
      {message && <span role="status" className="export-message">{message}</span>}
    </div>
  );
}
