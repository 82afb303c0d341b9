// First start: the compound, the first manager account (an admin), rules, the registry address and the devices.
import { useState, type FormEvent } from 'react';
import { useCall } from '../../api/bridge-context.tsx';
import { useSession } from '../../api/session-context.tsx';
import { useErrorText, useI18n } from '../../i18n/i18n-context.tsx';
import '../console/console.css';
import { TrySample } from '../demo/TrySample.tsx';

export function SetupScreen({ needsSetup, onDone }: { needsSetup: boolean; onDone: () => void }) {
  const errorText = useErrorText();
  const { t, toggle } = useI18n();
  const call = useCall();
  const session = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form, setForm] = useState({
    compoundName: '', compoundCode: '', username: '', displayName: '', password: '', feverLineC: '37.3', retentionDays: '28', registryUrl: '',
    thermometer: 'simulated' as 'simulated' | 'serial', thermometerPath: '', thermometerProtocol: 'ascii', scanner: 'wedge' as 'wedge' | 'hid-pos' | 'serial' | 'camera' | 'simulated',
  });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  if (!needsSetup) {
    return (
      <main className="setup">
        <p>{t('setupDone')}</p>
        <a href="#/console">{t('consoleTitle')}</a>
      </main>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await call('setup.complete', {
        compoundName: form.compoundName,
        compoundCode: form.compoundCode,
        manager: { username: form.username, displayName: form.displayName, password: form.password },
        feverLineC: Number(form.feverLineC),
        retentionDays: Number(form.retentionDays),
        registryUrl: form.registryUrl.trim(),
        thermometer: form.thermometer,
        ...(form.thermometer === 'serial' ? { thermometerPath: form.thermometerPath, thermometerProtocol: form.thermometerProtocol } : {}),
        scanner: form.scanner,
      });
      await session.signIn(form.username, form.password);
      onDone();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="setup">
      <TrySample onDone={onDone} />
      <form onSubmit={submit} aria-label={t('setupTitle')}>
        <header>
          <h2>{t('setupTitle')}</h2>
          <button type="button" className="language" onClick={toggle}>{t('language')}</button>
        </header>
        <fieldset>
          <legend>{t('setupCompound')}</legend>
          <label>{t('compoundName')}<input value={form.compoundName} onChange={set('compoundName')} required /></label>
          <label>{t('compoundCode')}<input value={form.compoundCode} onChange={set('compoundCode')} required /></label>
        </fieldset>
        <fieldset>
          <legend>{t('setupManager')}</legend>
          <label>{t('username')}<input value={form.username} onChange={set('username')} autoComplete="username" required /></label>
          <label>{t('displayName')}<input value={form.displayName} onChange={set('displayName')} required /></label>
          <label>{t('password')}<input type="password" value={form.password} onChange={set('password')} autoComplete="new-password" minLength={8} placeholder={t('passwordHint')} required /></label>
        </fieldset>
        <fieldset>
          <legend>{t('setupPolicy')}</legend>
          <label>{t('feverLine')}<input type="number" step="0.1" min="36.5" max="39" value={form.feverLineC} onChange={set('feverLineC')} required /></label>
          <label>{t('retentionDays')}<input type="number" min="1" max="3650" value={form.retentionDays} onChange={set('retentionDays')} required /></label>
        </fieldset>
        <fieldset>
          <legend>{t('setupRegistry')}</legend>
          <label>{t('registryUrl')}<input type="url" value={form.registryUrl} onChange={set('registryUrl')} placeholder="https://registry.example/" /></label>
        </fieldset>
        <fieldset>
          <legend>{t('setupDevices')}</legend>
          <label>{t('thermometer')}
            <select value={form.thermometer} onChange={set('thermometer')}>
              <option value="simulated">{t('thermometerSimulated')}</option>
              <option value="serial">{t('thermometerSerial')}</option>
            </select>
          </label>
          {form.thermometer === 'serial' && (
            <>
              <label>{t('serialPath')}<input value={form.thermometerPath} onChange={set('thermometerPath')} placeholder="/dev/ttyUSB0" required /></label>
              <label>{t('protocol')}<input value={form.thermometerProtocol} onChange={set('thermometerProtocol')} required /></label>
            </>
          )}
          <label>{t('scanner')}
            <select value={form.scanner} onChange={set('scanner')}>
              {['wedge', 'hid-pos', 'serial', 'camera', 'simulated'].map((m) => <option key={m} value={m}>{m}</option>)}
            </select>
          </label>
        </fieldset>
        {error && <p className="form-error" role="alert">{error}</p>}
        <button type="submit" className="primary big" disabled={busy}>{t('setupFinish')}</button>
      </form>
    </main>
  );
}
