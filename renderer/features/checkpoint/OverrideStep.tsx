// A manager lets a refused person pass (an ambulance crew): their sign-in and a reason; the pass is marked and audited.
import { useState } from 'react';
import { useCall } from '../../api/bridge-context.tsx';
import { useErrorText, useI18n } from '../../i18n/i18n-context.tsx';

export function OverrideStep({ onAuthorized, onBack }: { onAuthorized: (overrideId: string) => void; onBack: () => void }) {
  const errorText = useErrorText();
  const { t } = useI18n();
  const call = useCall();
  const [form, setForm] = useState({ username: '', secret: '', reason: '' });
  const [error, setError] = useState<string | null>(null);
  const set = (field: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [field]: e.target.value }));
  async function authorize() {
    setError(null);
    try {
      const { overrideId } = await call('gate.override.authorize', { manager: { username: form.username, secret: form.secret }, reason: form.reason });
      onAuthorized(overrideId);
    } catch (e) {
      setError(errorText(e));
    }
  }
  return (
    <section className="step step-override">
      <h2>🔑 {t('overrideTitle')}</h2>
      <form className="visitor-form" onSubmit={(e) => (e.preventDefault(), void authorize())}>
        <label>
          {t('overrideUser')}
          <input autoFocus value={form.username} onChange={set('username')} maxLength={60} autoComplete="off" />
        </label>
        <label>
          {t('overrideSecret')}
          <input type="password" value={form.secret} onChange={set('secret')} maxLength={200} autoComplete="off" />
        </label>
        <label>
          {t('overrideReason')}
          <input value={form.reason} onChange={set('reason')} maxLength={200} />
        </label>
        {error && <p className="notice technical" role="alert">⚠ {error}</p>}
        <button type="submit" className="big primary" disabled={!form.username || !form.secret || form.reason.trim().length < 2}>
          {t('overrideConfirm')} <kbd>Enter</kbd>
        </button>
      </form>
      <button type="button" className="link" onClick={onBack}>
        {t('back')}
      </button>
    </section>
  );
}
