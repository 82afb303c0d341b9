import { useMemo } from 'react';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useKeys } from './use-keys.ts';

export function ScanStep({ onManual, onCamera, progress }: { onManual: () => void; onCamera: () => void; progress: number }) {
  const { t } = useI18n();
  useKeys(useMemo(() => ({ '0': onManual, '9': onCamera }), [onManual, onCamera]));
  return (
    <section className="step step-scan" aria-live="polite">
      <div className="step-icon" aria-hidden>▦</div>
      <h2>{t('stepScan')}</h2>
      <p className="hint">{progress > 0 ? `${t('scanning')} ${progress}` : t('stepScanHint')}</p>
      <div className="choices">
        <button type="button" className="big secondary" onClick={onCamera}>
          📷 {t('camera')} <kbd>9</kbd>
        </button>
        <button type="button" className="big secondary" onClick={onManual}>
          {t('noScan')} <kbd>0</kbd>
        </button>
      </div>
    </section>
  );
}
