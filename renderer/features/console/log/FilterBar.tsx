// Day or range, the filters and the search box; search waits for a pause in typing before it asks the core.
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../src/common/contract/index.ts';
import { useConsoleCall } from '../use-console-call.ts';
import { RefusalReason } from '../../../../src/common/contract/index.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { reasonKey } from '../../../i18n/reasons.ts';
import type { Filter } from '../filter.ts';
import { clockHHMM } from '../../../../src/common/local-time.ts';

type Setter = (next: Filter) => void;

/** `data`: the option labels are names from the log (volunteers), not words to translate. */
function Select<T extends string>({ label, value, options, onChange, data }: { label: string; value: T | undefined; options: Array<[T, string]>; onChange: (v: T | undefined) => void; data?: boolean }) {
  return (
    <select aria-label={label} value={value ?? ''} onChange={(e) => onChange((e.target.value || undefined) as T | undefined)}>
      <option value="">{label}</option>
      {options.map(([v, text]) => (
        <option key={v} value={v} translate={data ? 'no' : undefined}>
          {text}
        </option>
      ))}
    </select>
  );
}

/** `timeZone`: the compound's, so a shift is labelled with the time the gate showed (not the office PC's zone). */
export function FilterBar({ filter, setFilter, feverLineC, timeZone, full = true }: { filter: Filter; setFilter: Setter; feverLineC: number; timeZone: string; full?: boolean }) {
  const { t } = useI18n();
  const call = useConsoleCall();
  const [search, setSearch] = useState(filter.search ?? '');
  const [shifts, setShifts] = useState<MethodOutput<'log.shifts'>['shifts']>([]);
  useEffect(() => {
    call('log.shifts', { from: filter.from, to: filter.to }).then((r) => setShifts(r.shifts), () => setShifts([]));
  }, [call, filter.from, filter.to]);
  useEffect(() => {
    const timer = setTimeout(() => {
      if ((filter.search ?? '') !== search) setFilter({ ...filter, search: search || undefined });
    }, 300);
    return () => clearTimeout(timer);
  }, [search, filter, setFilter]);
  const set = <K extends keyof Filter>(key: K, value: Filter[K]) => setFilter({ ...filter, [key]: value });

  return (
    <div className="filter-bar no-print" role="search">
      <label>
        {t('day')} <input type="date" aria-label={t('day')} value={filter.from} required onChange={(e) => e.target.value && set('from', e.target.value)} />
      </label>
      <label>
        {t('rangeTo')} <input type="date" aria-label={t('rangeTo')} value={filter.to ?? ''} min={filter.from} onChange={(e) => set('to', e.target.value || undefined)} />
      </label>
      <Select label={t('allDirections')} value={filter.direction} options={[['in', t('directionIn')], ['out', t('directionOut')]]} onChange={(v) => set('direction', v)} />
      <Select label={t('allDecisions')} value={filter.decision} options={[['pass', t('pass')], ['refuse', t('refuse')]]} onChange={(v) => set('decision', v)} />
      <Select label={t('allReasons')} value={filter.reason} options={RefusalReason.options.map((r) => [r, t(reasonKey(r), { line: feverLineC })])} onChange={(v) => set('reason', v)} />
      <Select label={t('allLanes')} value={filter.lane} options={[['standard', t('laneStandard')], ['fast', t('laneFast')]]} onChange={(v) => set('lane', v)} />
      <Select label={t('allPeople')} value={filter.person} options={(['resident', 'commuter', 'visitor', 'unknown'] as const).map((p) => [p, t(`person_${p}`)])} onChange={(v) => set('person', v)} />
      <Select
        label={t('feverAny')}
        value={filter.fever === undefined ? undefined : filter.fever ? 'yes' : 'no'}
        options={[['yes', t('feverOnly')], ['no', t('feverNone')]]}
        onChange={(v) => set('fever', v === undefined ? undefined : v === 'yes')}
      />
      {shifts.length > 0 && (
        <Select label={t('allShifts')} value={filter.shiftId} data options={shifts.map((s) => [s.id, `${s.volunteer} ${clockHHMM(new Date(s.startedAt), timeZone)}`])} onChange={(v) => set('shiftId', v)} />
      )}
      {full && <input type="search" className="search" aria-label={t('searchPlaceholder')} placeholder={t('searchPlaceholder')} value={search} onChange={(e) => setSearch(e.target.value)} />}
    </div>
  );
}
