// Device settings: thermometer port and protocol, scanner mode, a test read before saving; saved settings apply at
// the next start of the kiosk.
import { useEffect, useState } from 'react';
import type { Measurement, MethodOutput } from '../../../src/common/contract/index.ts';
import { useBridge } from '../../api/bridge-context.tsx';
import { useErrorText, useI18n } from '../../i18n/i18n-context.tsx';
import { useConsoleCall } from './use-console-call.ts';
import { SimThermometer } from '../demo/SimThermometer.tsx';
import { IdReaderFields, type IdReader } from './IdReaderFields.tsx';

type Settings = MethodOutput<'devices.settings.get'>;
type Thermo = { mode: 'simulated' | 'serial'; path?: string; protocol?: string; baudRate?: number; scenario?: string };
type Scanner = { mode: 'wedge' | 'hid-pos' | 'serial' | 'camera' | 'simulated'; path?: string; vendorId?: string; productId?: string; baudRate?: number };

export function DevicesPage({ admin }: { admin: boolean }) {
  const errorText = useErrorText();
  const { t } = useI18n();
  const call = useConsoleCall();
  const bridge = useBridge();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [thermo, setThermo] = useState<Thermo>({ mode: 'simulated' });
  const [scanner, setScanner] = useState<Scanner>({ mode: 'wedge' });
  const [idReader, setIdReader] = useState<IdReader>({ mode: 'simulated' });
  const [reading, setReading] = useState<Measurement | null>(null);
  const [lastScan, setLastScan] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call('devices.settings.get', {}).then((s) => {
      setSettings(s);
      setThermo((s.config.thermometer as Thermo | undefined) ?? { mode: 'simulated' });
      setScanner((s.config.scanner as Scanner | undefined) ?? { mode: 'wedge' });
      setIdReader((s.config.idReader as IdReader | undefined) ?? { mode: 'simulated' });
    }, (e: unknown) => setMessage(errorText(e)));
    return bridge.subscribe('scanner.scan', (scan) => setLastScan(scan.text));
  }, [bridge, call]);

  const clean = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;
  async function test() {
    setBusy(true);
    setReading(null);
    try {
      setReading(await call('devices.settings.testRead', { thermometer: clean(thermo) }));
    } catch (e) {
      setMessage(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  async function save() {
    try {
      await call('devices.settings.save', { config: { ...(settings?.config ?? {}), thermometer: clean(thermo), scanner: clean(scanner), idReader: clean(idReader) } });
      setMessage(t('devicesSaved'));
    } catch (e) {
      setMessage(errorText(e));
    }
  }
  if (!settings) return message ? <p className="form-error">{message}</p> : null;
  const ports = settings.serialPorts.map((p) => <option key={p.path} value={p.path}>{p.path} {p.manufacturer ?? ''} {p.vendorId ? `${p.vendorId}:${p.productId}` : ''}</option>);
  return (
    <main className="devices-page">
      <h2>{t('tabDevices')}</h2>
      {!admin && <p className="notice" role="note">{t('devicesAdminOnly')}</p>}
      {settings.serialError && <p className="hint">{settings.serialError}</p>}
      <SimThermometer />
      <fieldset>
        <legend>{t('thermometer')}</legend>
        <select aria-label={t('thermometer')} value={thermo.mode} onChange={(e) => setThermo({ mode: e.target.value as Thermo['mode'], ...(e.target.value === 'serial' ? { protocol: settings.protocols[0] } : { scenario: 'normal' }) })}>
          <option value="simulated">{t('thermometerSimulated')}</option>
          <option value="serial">{t('thermometerSerial')}</option>
        </select>
        {thermo.mode === 'serial' && (
          <>
            <input aria-label={t('serialPath')} list="serial-ports" placeholder="/dev/ttyUSB0" value={thermo.path ?? ''} onChange={(e) => setThermo({ ...thermo, path: e.target.value })} />
            <datalist id="serial-ports">{ports}</datalist>
            <select aria-label={t('protocol')} value={thermo.protocol} onChange={(e) => setThermo({ ...thermo, protocol: e.target.value })}>
              {settings.protocols.map((p) => <option key={p} value={p} translate="no">{p}</option>)}
            </select>
            <input aria-label={t('baudRate')} type="number" placeholder={t('baudRate')} value={thermo.baudRate ?? ''} onChange={(e) => setThermo({ ...thermo, baudRate: e.target.value ? Number(e.target.value) : undefined })} />
          </>
        )}
        <button type="button" className="secondary" disabled={busy || !admin} onClick={() => void test()}>{busy ? t('measuring') : t('testRead')}</button>
        {reading && (
          <output className={reading.ok ? 'test-ok' : 'form-error'} data-testid="test-reading">
            {reading.ok ? `${reading.bodyC.toFixed(1)} °C (${reading.readings})` : reading.reason}
          </output>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('scanner')}</legend>
        <select aria-label={t('scanner')} value={scanner.mode} onChange={(e) => setScanner({ mode: e.target.value as Scanner['mode'] })}>
          {(['wedge', 'hid-pos', 'serial', 'camera', 'simulated'] as const).map((m) => <option key={m} value={m}>{t(`scannerMode_${m}`)}</option>)}
        </select>
        {scanner.mode === 'hid-pos' && (
          <select aria-label={t('hidDevice')} value={scanner.vendorId ? `${scanner.vendorId}:${scanner.productId}` : ''} onChange={(e) => { const [vendorId, productId] = e.target.value.split(':'); setScanner({ mode: 'hid-pos', vendorId, productId }); }}>
            <option value="">{settings.hidError ? t('hidNotListed') : t('hidAuto')}</option>
            {settings.hidScanners.map((d) => <option key={`${d.vendorId}:${d.productId}`} value={`${d.vendorId}:${d.productId}`}>{d.product ?? ''} {d.vendorId}:{d.productId}</option>)}
          </select>
        )}
        {scanner.mode === 'serial' && (
          <input aria-label={t('serialPath')} list="serial-ports" placeholder="/dev/ttyACM0" value={scanner.path ?? ''} onChange={(e) => setScanner({ ...scanner, path: e.target.value })} />
        )}
        <label>{t('testScan')} <input value={lastScan} onChange={(e) => setLastScan(e.target.value)} placeholder={t('testScanHint')} /></label>
      </fieldset>
      <IdReaderFields value={idReader} onChange={setIdReader} admin={admin} ports={settings.serialPorts.map((p) => p.path)} />
      <button type="button" className="primary" disabled={!admin} onClick={() => void save()}>{t('save')}</button>
      {message && <p role="status">{message}</p>}
    </main>
  );
}
