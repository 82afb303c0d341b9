// Ask identity: a resident found by ID number or household, or a visitor whose details are recorded.
import { useMemo } from 'react';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useKeys } from './use-keys.ts';

type How = 'resident-id' | 'resident-household' | 'visitor';

export function IdentityStep({ onChoose }: { onChoose: (how: How) => void }) {
  const { t } = useI18n();
  useKeys(useMemo(() => ({ '1': () => onChoose('resident-id'), '2': () => onChoose('resident-household'), '3': () => onChoose('visitor') }), [onChoose]));
  return (
    <section className="step step-identity">
      <h2>{t('stepWho')}</h2>
      <div className="choices vertical">
        <button type="button" className="big secondary" onClick={() => onChoose('resident-id')}>
          🪪 {t('residentById')} <kbd>1</kbd>
        </button>
        <button type="button" className="big secondary" onClick={() => onChoose('resident-household')}>
          🏠 {t('residentByHousehold')} <kbd>2</kbd>
        </button>
        <button type="button" className="big secondary" onClick={() => onChoose('visitor')}>
          👤 {t('visitorChoice')} <kbd>3</kbd>
        </button>
      </div>
    </section>
  );
}
