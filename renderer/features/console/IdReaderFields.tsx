// The ID card reader's settings (issue 15): none, the simulator, or a SAM-module reader on a serial port, with a test
// that asks the module for its status before saving.
import { useState } from 'react';
import { useErrorText, useI18n } from '../../i18n/i18n-context.tsx';
import { useConsoleCall } from './use-console-call.ts';

export type IdReader = { mode: 'none' | 'simulated' | 'serial'; path?: string; baudRate?: number };

export function IdReaderFields({ value, onChange, admin, ports }: { value: IdReader; onChange: (value: IdReader) => void; admin: boolean; ports: string[] }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const call = useConsoleCall();
  const [result, setResult] = useState<{ ok: boolean; detail: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function test() {
    setBusy(true);
    setResult(null);
    try {
      const clean = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== ''));
      setResult(await call('devices.settings.testIdReader', { idReader: clean }));
    } catch (e) {
      setResult({ ok: false, detail: errorText(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <fieldset>
      <legend>{t('deviceIdReader')}</legend>
      <select aria-label={t('deviceIdReader')} value={value.mode} onChange={(e) => onChange({ mode: e.target.value as IdReader['mode'] })}>
        <option value="none">{t('idReaderNone')}</option>
        <option value="simulated">{t('idReaderSimulated')}</option>
        <option value="serial">{t('idReaderSerial')}</option>
      </select>
      {value.mode === 'serial' && (
        <>
          <input aria-label={t('idReaderPath')} list="id-reader-ports" placeholder="/dev/gate-id-reader" value={value.path ?? ''} onChange={(e) => onChange({ ...value, path: e.target.value })} />
          <datalist id="id-reader-ports">{ports.map((p) => <option key={p} value={p} />)}</datalist>
          <input aria-label={t('idReaderBaud')} type="number" placeholder="115200" value={value.baudRate ?? ''} onChange={(e) => onChange({ ...value, baudRate: e.target.value ? Number(e.target.value) : undefined })} />
        </>
      )}
      <button type="button" className="secondary" disabled={busy || !admin} onClick={() => void test()}>{t('idReaderTest')}</button>
      {result && <output className={result.ok ? 'test-ok' : 'form-error'} data-testid="id-reader-test">{result.detail}</output>}
    </fieldset>
  );
}
