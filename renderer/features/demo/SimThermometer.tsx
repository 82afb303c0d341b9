// The manager's controls for the simulated thermometer (demos and training): what the person in front of it reads
// as, and pulling its cable out. Shown only while the thermometer is the simulator.
import { useEffect, useState } from 'react';
import type { DeviceStatus } from '../../../src/common/contract/index.ts';
import { useBridge, useCall } from '../../api/bridge-context.tsx';
import { useErrorText, useI18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';

import './demo.css';

const SCENARIOS = ['normal', 'fever', 'cold', 'nobody'] as const;

export function SimThermometer() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const call = useCall();
  const bridge = useBridge();
  const [status, setStatus] = useState<DeviceStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('devices.status', {}).then((all) => setStatus(all.find((s) => s.kind === 'thermometer') ?? null), () => {});
    return bridge.subscribe('devices.status', (s) => s.kind === 'thermometer' && setStatus(s));
  }, [bridge, call]);
  if (!status?.simulated) return null;

  const unplugged = status.state === 'disconnected';
  const scenario = /scenario: (\w+)/.exec(status.detail ?? '')?.[1];
  const act = (p: Promise<unknown>) => p.then(() => setError(null), (e: unknown) => setError(errorText(e)));
  return (
    <fieldset className="sim-thermometer" aria-label={t('simTitle')}>
      <legend>{t('simTitle')}</legend>
      <p className="hint">{t('simHint')}</p>
      {SCENARIOS.map((s) => (
        <button key={s} type="button" className={`secondary${!unplugged && scenario === s ? ' active' : ''}`} aria-pressed={!unplugged && scenario === s} disabled={unplugged}
          onClick={() => void act(call('sim.thermometer.scenario', { scenario: s }))}>
          {t(`sim_${s}` as MessageKey)}
        </button>
      ))}
      <button type="button" className="secondary" onClick={() => void act(call('sim.thermometer.plug', { plugged: unplugged }))}>
        {unplugged ? t('simPlug') : t('simUnplug')}
      </button>
      <output data-testid="sim-state">{t('simNow', { state: unplugged ? t('simUnplugged') : scenario ? t(`sim_${scenario}` as MessageKey) : t(`state_${status.state}`) })}</output>
      {error && <p className="form-error" role="alert">{error}</p>}
    </fieldset>
  );
}
