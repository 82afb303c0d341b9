// The two lists of the policy: peak windows (start, end, weekdays) and health requirements (per direction and person).
import { useId } from 'react';
import { Direction, PersonKind, type HealthRequirementRule, type PeakWindow } from '../../../../src/common/contract/index.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../../i18n/messages.ts';
import { NumberField } from './NumberField.tsx';

type ErrorAt = (path: string) => string | undefined;
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const TEST_HOURS = [24, 48, 72] as const;

function toggle<T>(items: readonly T[], item: T, on: boolean): T[] {
  return on ? [...items.filter((i) => i !== item), item] : items.filter((i) => i !== item);
}

function TimeField({ label, value, error, onChange }: { label: string; value: string; error: string | undefined; onChange: (v: string) => void }) {
  const id = useId();
  const { t } = useI18n();
  return (
    <div className="policy-field" data-invalid={error ? true : undefined}>
      <label htmlFor={id}>{label}（{t('policyClockHint')}）</label>
      {/* Text, not type=time: the browser draws a time field in its own locale (07:00 AM), the policy is 24-hour HH:MM. */}
      <input id={id} type="text" inputMode="numeric" placeholder="07:00" maxLength={5} className="clock" value={value} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} onChange={(e) => onChange(e.target.value)} />
      {error && <span className="field-error" id={`${id}-error`} role="alert">{error}</span>}
    </div>
  );
}

export function PeakWindowsEditor({ windows, onChange, errorAt }: { windows: PeakWindow[]; onChange: (w: PeakWindow[]) => void; errorAt: ErrorAt }) {
  const { t } = useI18n();
  const set = (i: number, w: PeakWindow) => onChange(windows.map((old, j) => (j === i ? w : old)));
  return (
    <fieldset className="policy-list" data-testid="peak-windows">
      <legend>{t('policyGroupPeak')}</legend>
      {windows.length === 0 && <p className="hint">{t('policyNoWindows')}</p>}
      {windows.map((w, i) => (
        <div className="policy-row" key={i} data-testid={`peak-window-${i}`}>
          <TimeField label={t('field_start')} value={w.start} error={errorAt(`peakWindows.${i}.start`)} onChange={(start) => set(i, { ...w, start })} />
          <TimeField label={t('field_end')} value={w.end} error={errorAt(`peakWindows.${i}.end`)} onChange={(end) => set(i, { ...w, end })} />
          <span className="weekdays" role="group" aria-label={`${t('field_days')} (${t('policyWindowDaysHint')})`}>
            {WEEKDAYS.map((d) => (
              <label key={d} className="check">
                <input type="checkbox" checked={w.days?.includes(d) ?? false} onChange={(e) => {
                  const days = toggle(w.days ?? [], d, e.target.checked).sort();
                  set(i, { start: w.start, end: w.end, ...(days.length ? { days } : {}) });
                }} />
                {t(`weekday_${d}` as MessageKey)}
              </label>
            ))}
          </span>
          <button type="button" className="secondary" onClick={() => onChange(windows.filter((_, j) => j !== i))}>{t('policyRemove')}</button>
        </div>
      ))}
      <button type="button" className="secondary" onClick={() => onChange([...windows, { start: '07:00', end: '09:00', days: [1, 2, 3, 4, 5] }])}>{t('policyAddWindow')}</button>
    </fieldset>
  );
}

export function HealthRulesEditor({ rules, onChange, errorAt }: { rules: HealthRequirementRule[]; onChange: (r: HealthRequirementRule[]) => void; errorAt: ErrorAt }) {
  const { t } = useI18n();
  const set = (i: number, r: HealthRequirementRule) => onChange(rules.map((old, j) => (j === i ? r : old)));
  return (
    <fieldset className="policy-list" data-testid="health-rules">
      <legend>{t('policyGroupHealth')}</legend>
      {rules.length === 0 && <p className="hint">{t('policyNoRules')}</p>}
      {rules.map((r, i) => {
        const custom = r.maxTestAgeHours !== null && !(TEST_HOURS as readonly number[]).includes(r.maxTestAgeHours);
        return (
          <div className="policy-row" key={i} data-testid={`health-rule-${i}`}>
            <span role="group" aria-label={t('field_directions')}>
              {Direction.options.map((d) => (
                <label key={d} className="check"><input type="checkbox" checked={r.directions.includes(d)} onChange={(e) => set(i, { ...r, directions: toggle(r.directions, d, e.target.checked) })} />{t(d === 'in' ? 'directionIn' : 'directionOut')}</label>
              ))}
              {errorAt(`healthRequirements.${i}.directions`) && <span className="field-error" role="alert">{errorAt(`healthRequirements.${i}.directions`)}</span>}
            </span>
            <span role="group" aria-label={t('field_personKinds')}>
              {PersonKind.options.map((k) => (
                <label key={k} className="check"><input type="checkbox" checked={r.personKinds.includes(k)} onChange={(e) => set(i, { ...r, personKinds: toggle(r.personKinds, k, e.target.checked) })} />{t(`person_${k}`)}</label>
              ))}
              {errorAt(`healthRequirements.${i}.personKinds`) && <span className="field-error" role="alert">{errorAt(`healthRequirements.${i}.personKinds`)}</span>}
            </span>
            <label className="policy-field">
              <span>{t('field_maxTestAgeHours')}</span>
              <select aria-label={t('field_maxTestAgeHours')} value={r.maxTestAgeHours === null ? 'none' : custom ? 'custom' : String(r.maxTestAgeHours)} onChange={(e) => set(i, { ...r, maxTestAgeHours: e.target.value === 'none' ? null : e.target.value === 'custom' ? 96 : Number(e.target.value) })}>
                <option value="none">{t('policyTestNone')}</option>
                {TEST_HOURS.map((h) => <option key={h} value={h}>{t('policyTestHours', { hours: h })}</option>)}
                <option value="custom">{t('policyTestCustom')}</option>
              </select>
            </label>
            {custom && <NumberField label={t('policyTestCustom')} unit="h" value={r.maxTestAgeHours} error={errorAt(`healthRequirements.${i}.maxTestAgeHours`)} onChange={(n) => set(i, { ...r, maxTestAgeHours: n })} />}
            <label className="check"><input type="checkbox" checked={r.antigenSubstitutes} onChange={(e) => set(i, { ...r, antigenSubstitutes: e.target.checked })} />{t('policyAntigen')}</label>
            <NumberField label={t('field_minDoses')} value={r.minDoses} error={errorAt(`healthRequirements.${i}.minDoses`)} onChange={(n) => set(i, { ...r, minDoses: n })} />
            <label className="policy-field">
              <span>{t('field_travelFlag')}</span>
              <select aria-label={t('field_travelFlag')} value={r.travelFlag} onChange={(e) => set(i, { ...r, travelFlag: e.target.value as HealthRequirementRule['travelFlag'] })}>
                {(['refuse', 'warn', 'ignore'] as const).map((f) => <option key={f} value={f}>{t(`policyTravel_${f}`)}</option>)}
              </select>
            </label>
            <button type="button" className="secondary" onClick={() => onChange(rules.filter((_, j) => j !== i))}>{t('policyRemove')}</button>
          </div>
        );
      })}
      <button type="button" className="secondary" onClick={() => onChange([...rules, { maxTestAgeHours: 48, antigenSubstitutes: false, minDoses: 0, travelFlag: 'warn', directions: ['in'], personKinds: [...PersonKind.options] }])}>{t('policyAddRule')}</button>
    </fieldset>
  );
}
