// First start: "try it with sample data". Loads the sample compound, shows the accounts' secrets once, then signs
// the sample administrator in.
import { useState } from 'react';
import type { MethodOutput } from '../../../src/common/contract/index.ts';
import { useCall } from '../../api/bridge-context.tsx';
import { useSession } from '../../api/session-context.tsx';
import { go } from '../../api/use-route.ts';
import { useErrorText, useI18n } from '../../i18n/i18n-context.tsx';
import './demo.css';

type Loaded = MethodOutput<'demo.load'>;

export function TrySample({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const call = useCall();
  const session = useSession();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function load() {
    setBusy(true);
    setError(null);
    try {
      setLoaded(await call('demo.load', {}));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  async function start() {
    if (!loaded) return;
    try {
      await session.signIn(loaded.accounts.manager.username, loaded.accounts.manager.password);
      onDone();
      // Straight to the demo sheet: the codes to scan are what a newcomer wants next.
      go('console/demo');
    } catch (e) {
      setError(errorText(e));
    }
  }

  if (!loaded) {
    return (
      <section className="try-sample" aria-label={t('trySample')}>
        <button type="button" className="primary big" disabled={busy} onClick={() => void load()} autoFocus>
          {t('trySample')}
        </button>
        <p>{t('trySampleHint')}</p>
        {error && <p className="form-error" role="alert">{error}</p>}
      </section>
    );
  }
  const { manager, volunteers } = loaded.accounts;
  return (
    <section className="try-sample" aria-label={t('trySample')} data-testid="sample-secrets">
      <p role="status">{t('sampleLoaded')}</p>
      <table>
        <tbody>
          <tr>
            <th>{t('sampleAdmin')}</th>
            <td>{manager.displayName}</td>
            <td className="username">{manager.username}</td>
            <td>{t('samplePassword')}: <span className="secret" data-secret="password">{manager.password}</span></td>
          </tr>
          {volunteers.map((v) => (
            <tr key={v.username}>
              <th>{t('sampleVolunteer')}</th>
              <td>{v.displayName}</td>
              <td className="username">{v.username}</td>
              <td>{t('samplePin')}: <span className="secret" data-secret="pin">{v.pin}</span></td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="primary big" onClick={() => void start()} autoFocus>
        {t('sampleNoted')}
      </button>
      {error && <p className="form-error" role="alert">{error}</p>}
    </section>
  );
}
