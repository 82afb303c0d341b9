// A card read before any code: who the person is, then the code scan, or the no-phone lane (4). Esc cancels.
import { useMemo } from 'react';
import type { IdentityRead } from '../../../src/common/contract/index.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { IdentityCard } from './IdentityCard.tsx';
import { useKeys } from './use-keys.ts';

export function CardStep({ read, onNoPhone, onManual, onCancel }: { read: IdentityRead; onNoPhone: () => void; onManual: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  useKeys(useMemo(() => ({ '4': onNoPhone, '0': onManual, Escape: onCancel }), [onNoPhone, onManual, onCancel]));
  return (
    <section className="step step-card" aria-live="polite">
      <h2>{t('cardRead')}</h2>
      <IdentityCard read={read} />
      <p className="hint">{t('cardScanNext')}</p>
      <div className="choices">
        <button type="button" className="big secondary" onClick={onManual}>
          {t('noScan')} <kbd>0</kbd>
        </button>
        <button type="button" className="big secondary" onClick={onNoPhone}>
          {t('noPhoneKey')} <kbd>4</kbd>
        </button>
        <button type="button" className="big secondary" onClick={onCancel}>
          {t('nextPerson')} <kbd>Esc</kbd>
        </button>
      </div>
    </section>
  );
}
