import { useMemo } from 'react';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useKeys } from './use-keys.ts';

export function ScanStep({ onManual, progress }: { onManual: () => void; progress: number }) {
  const { t } = useI18n();
  useKeys(useMemo(() => ({ '0': onManual }), [onManual]));
  return (
    <section className="step step-scan" aria-live="polite">
      <div className="step-icon" aria-hidden>▦</div>
      <h2>{t('stepScan')}</h2>
      <p className="hint">{progress > 0 ? `${t('scanning')} ${progress}` : t('stepScanHint')}</p>
      <button type="button" className="big secondary" onClick={onManual}>
        {t('noScan')} <kbd>0</kbd>
      </button>
    </section>
  );
}
