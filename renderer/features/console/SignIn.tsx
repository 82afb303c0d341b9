// Sign-in: user name and password (never a PIN: that only signs a volunteer on at the gate). Wrong attempts slow
// down the place they come from.
import { useState, type FormEvent } from 'react';
import { useSession } from '../../api/session-context.tsx';
import { useErrorText, useI18n } from '../../i18n/i18n-context.tsx';

export function SignIn({ lan = false, note }: { lan?: boolean; note?: string }) {
  const errorText = useErrorText();
  const { t, toggle } = useI18n();
  const session = useSession();
  const [username, setUsername] = useState('');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await session.signIn(username.trim(), secret);
    } catch (e) {
      setError(errorText(e));
      setSecret('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <form onSubmit={submit} aria-label={t('signInTitle')}>
        <h2>{t('signInTitle')}</h2>
        <p className="hint">{note ?? (lan ? t('signInLanHint') : t('signInHint'))}</p>
        <label>
          {t('username')}
          <input autoFocus autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        </label>
        <label>
          {t('password')}
          <input type="password" autoComplete="current-password" value={secret} onChange={(e) => setSecret(e.target.value)} required />
        </label>
        {error && <p className="form-error" role="alert">{error}</p>}
        <button type="submit" className="primary" disabled={busy}>
          {t('signIn')}
        </button>
        <button type="button" className="link" onClick={toggle}>
          {t('language')}
        </button>
        {!lan && (
          <a href="#/" className="link">
            {t('toKiosk')}
          </a>
        )}
      </form>
    </main>
  );
}
