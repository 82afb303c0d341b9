// CSV and Excel downloads of what the filters show; the core watermarks and audits each one.
import { useState } from 'react';
import type { ExportFormat } from '../../../../src/common/contract/index.ts';
import { useErrorText, useI18n } from '../../../i18n/i18n-context.tsx';
import type { Filter } from '../filter.ts';
import { cleanFilter } from '../filter.ts';
import { useConsoleCall } from '../use-console-call.ts';

export function ExportButtons({ filter }: { filter: Filter }) {
  const errorText = useErrorText();
  const { t } = useI18n();
  const call = useConsoleCall();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function download(format: ExportFormat) {
    setBusy(true);
    try {
      const file = await call('export.log', { filter: cleanFilter(filter), format });
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
      {message && <span role="status" className="export-message">{message}</span>}
    </div>
  );
}
