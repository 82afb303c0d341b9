import { useState } from 'react';
import { useI18n } from '../../i18n/i18n-context.tsx';

export function IdentityStep({ suggestedName, onName }: { suggestedName?: string; onName: (name: string) => void }) {
  const { t } = useI18n();
  const [name, setName] = useState(suggestedName ?? '');
  return (
    <section className="step step-identity">
      <h2>{t('stepIdentity')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) onName(name);
        }}
      >
        <input className="big-input" autoFocus aria-label={t('name')} placeholder={t('name')} value={name} onChange={(e) => setName(e.target.value)} maxLength={60} />
        <p className="hint">{t('identityHint')}</p>
        <button type="submit" className="big primary" disabled={!name.trim()}>
          {t('next')} <kbd>Enter</kbd>
        </button>
      </form>
    </section>
  );
}
