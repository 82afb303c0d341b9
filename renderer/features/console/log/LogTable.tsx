// The day's log as a virtual table: only the rows in view (plus a few) are in the page, so 100,000 rows scroll as
// smoothly as 100. Rows not fetched yet show a placeholder until their page arrives.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { LogRow } from '../../../../src/common/contract/index.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { reasonKey } from '../../../i18n/reasons.ts';
import { clockHHMMSS } from '../../../../src/common/local-time.ts';

const ROW_HEIGHT = 34;

export function LogTable(props: { total: number; row: (i: number) => LogRow | undefined; ensure: (a: number, b: number) => void; onOpen: (id: string) => void; timeZone: string; feverLineC: number; range: boolean }) {
  const { t } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: props.total, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 15 });
  const items = virtual.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  const { ensure } = props;
  useEffect(() => ensure(first, last), [ensure, first, last]);

  return (
    <div className="log-table" role="table" aria-label={t('tabLog')} aria-rowcount={props.total}>
      <div className="log-row head" role="row">
        {[t('colTime'), t('colDirection'), t('colName'), t('colHousehold'), t('colCode'), t('colTemp'), t('colMask'), t('colDecision'), t('colReasons'), t('colVolunteer')].map((h) => (
          <span role="columnheader" key={h}>
            {h}
          </span>
        ))}
      </div>
      <div className="log-scroll" ref={scroller} data-testid="log-scroll">
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const r = props.row(item.index);
            const style = { transform: `translateY(${item.start}px)`, height: ROW_HEIGHT };
            if (!r) {
              return (
                <div key={item.key} className="log-row placeholder" role="row" aria-rowindex={item.index + 2} style={style}>
                  <span>…</span>
                </div>
              );
            }
            const fever = r.bodyC !== null && r.bodyC >= props.feverLineC;
            return (
              <div key={item.key} className={`log-row ${r.decision}`} role="row" aria-rowindex={item.index + 2} data-index={item.index} data-entry-id={r.id} style={style} tabIndex={0}
                onClick={() => props.onOpen(r.id)} onKeyDown={(e) => e.key === 'Enter' && props.onOpen(r.id)}>
                <span role="cell">{props.range ? `${r.at.slice(5, 10)} ` : ''}{clockHHMMSS(r.at, props.timeZone)}</span>
                <span role="cell">{r.direction === 'in' ? t('directionIn') : t('directionOut')}{r.lane === 'fast' ? ' ⚡' : ''}</span>
                <span role="cell" translate="no">{r.name ?? '—'}</span>
                <span role="cell" translate="no">{r.household ?? r.plate ?? ''}</span>
                <span role="cell" className={`code ${r.codeStatus}`}>{t(r.codeStatus === 'error' ? 'couldNotVerify' : (r.codeStatus as 'green'))}</span>
                <span role="cell" className={fever ? 'fever' : ''}>{r.bodyC === null ? '—' : r.bodyC.toFixed(1)}</span>
                <span role="cell">{r.maskWorn === null ? '—' : r.maskWorn ? '✔' : '✖'}</span>
                <span role="cell" className="decision">{r.decision === 'pass' ? `✔ ${t('pass')}` : `✖ ${t('refuse')}`}{r.overridden ? ' *' : ''}</span>
                <span role="cell" className="reasons-cell">{r.reasons.map((x) => t(reasonKey(x), { line: props.feverLineC })).join('、')}</span>
                <span role="cell" translate="no">{r.volunteer}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
