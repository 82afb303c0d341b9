// A volunteer signs on with user name and PIN before the gate records anyone.
import { useState } from 'react';
import { useCall } from '../../api/bridge-context.tsx';
import { useErrorText, useI18n } from '../../i18n/i18n-context.tsx';

export function SignOnScreen({ onSignedOn }: { onSignedOn: () => void }) {
  const errorText = useErrorText();
  const { t } = useI18n();
  const call = useCall();
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function signOn() {
    setError(null);
    try {
      await call('shifts.signOn', { name, pin });
      onSignedOn();
    } catch (e) {
      setError(errorText(e));
    }
  }
  return (
    <main className="checkpoint" data-step="sign-on">
      <section className="step step-sign-on">
        <h2>🙋 {t('shiftSignOn')}</h2>
        <form className="visitor-form" onSubmit={(e) => (e.preventDefault(), void signOn())}>
          <label>
            {t('shiftName')}
            <input autoFocus value={name} onChange={(e) => setName(e.target.value)} maxLength={60} autoComplete="off" />
          </label>
          <label>
            {t('shiftPin')}
            <input type="password" inputMode="numeric" value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} maxLength={8} autoComplete="off" />
          </label>
          {error && <p className="notice technical" role="alert">⚠ {error}</p>}
          <button type="submit" className="big primary" disabled={!name.trim() || pin.length < 4}>
            {t('shiftSignOnButton')} <kbd>Enter</kbd>
          </button>
        </form>
      </section>
    </main>
  );
}
