// The log of any day or range: filters, search, the virtual table, exports, and the detail of one entry.
import { useState } from 'react';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { cleanFilter, type Filter } from '../filter.ts';
import { EntryDetail } from './EntryDetail.tsx';
import { ExportButtons } from './ExportButtons.tsx';
import { FilterBar } from './FilterBar.tsx';
import { LogTable } from './LogTable.tsx';
import { useLogPages } from './use-log-pages.ts';
import type { SystemInfo } from '../../../api/kiosk-info.ts';

export function LogPage({ info, filter, setFilter }: { info: SystemInfo; filter: Filter; setFilter: (f: Filter) => void }) {
  const { t } = useI18n();
  const clean = cleanFilter(filter);
  const pages = useLogPages(clean);
  const [open, setOpen] = useState<string | null>(null);
  const feverLineC = info.policy.feverLineC;
  return (
    <main className="log-page">
      <FilterBar filter={filter} setFilter={setFilter} feverLineC={feverLineC} timeZone={info.timeZone} />
      <div className="log-summary">
        <strong data-testid="log-total">{pages.total === null ? t('loading') : t(pages.totalIsLowerBound ? 'rowsFoundAtLeast' : 'rowsFound', { n: pages.total.toLocaleString('en-US') })}</strong>
        <ExportButtons filter={filter} />
      </div>
      {pages.error && <p className="form-error" role="alert">{pages.error}</p>}
      <div className="log-body">
        {pages.total === 0 ? <p className="hint">{t('noData')}</p> : pages.total !== null && (
          <LogTable total={pages.total} row={pages.row} ensure={pages.ensure} onOpen={setOpen} timeZone={info.timeZone} feverLineC={feverLineC} range={Boolean(clean.to && clean.to !== clean.from)} />
        )}
        {open && <EntryDetail id={open} onClose={() => setOpen(null)} timeZone={info.timeZone} feverLineC={feverLineC} />}
      </div>
    </main>
  );
}
