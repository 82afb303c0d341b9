import { useMemo } from 'react';
import type { Temperature } from '../../../src/common/contract/index.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useKeys } from './use-keys.ts';

export function MaskStep({ temperature, onChecked }: { temperature: Temperature | null; onChecked: (worn: boolean) => void }) {
  const { t } = useI18n();
  useKeys(useMemo(() => ({ '1': () => onChecked(true), Enter: () => onChecked(true), '2': () => onChecked(false) }), [onChecked]));
  return (
    <section className="step step-mask">
      {temperature && <p className="temperature-taken">{temperature.bodyC.toFixed(1)}°C</p>}
      <h2>{t('stepMask')}</h2>
      <div className="choices">
        <button type="button" className="big colour green" onClick={() => onChecked(true)}>
          <span aria-hidden>😷</span> {t('maskYes')} <kbd>1</kbd>
        </button>
        <button type="button" className="big colour red" onClick={() => onChecked(false)}>
          <span aria-hidden>✕</span> {t('maskNo')} <kbd>2</kbd>
        </button>
      </div>
    </section>
  );
}
