// Measures as soon as the step opens, using only readings taken after it opened; a handheld value can always be typed.
import { useEffect, useState } from 'react';
import type { Measurement, Reading } from '../../../src/common/contract/index.ts';
import { useBridge, useCall } from '../../api/bridge-context.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';

interface Props {
  attempt: 1 | 2;
  note?: string;
  onMeasured: (measurement: Measurement, source: 'device' | 'manual') => void;
}

export function TemperatureStep({ attempt, note, onMeasured }: Props) {
  const { t } = useI18n();
  const call = useCall();
  const bridge = useBridge();
  const [live, setLive] = useState<Reading | null>(null);
  const [typed, setTyped] = useState('');
  const [round, setRound] = useState(0);

  useEffect(() => bridge.subscribe('thermometer.reading', setLive), [bridge]);

  useEffect(() => {
    let current = true;
    // A second attempt waits a moment so the person can step back in front of the sensor.
    const delay = attempt === 2 ? 1500 : 0;
    const timer = setTimeout(() => {
      call('thermometer.measure', { timeoutMs: 8000 })
        .then((m) => current && onMeasured(m, 'device'))
        .catch((error: Error) => current && onMeasured({ ok: false, reason: error.message }, 'device'));
    }, delay);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attempt, round]);

  const typedValue = Number(typed);
  const typedValid = typed !== '' && typedValue >= 34 && typedValue <= 43;
  return (
    <section className="step step-temperature">
      <h2>{attempt === 2 ? t('remeasure') : t('stepTemperature')}</h2>
      <p className="hint">{attempt === 2 ? t('remeasureHint') : t('temperatureHint')}</p>
      <div className="live-reading" aria-live="polite">
        {live?.bodyC !== undefined ? `${live.bodyC.toFixed(1)}°C` : '—'}
        <span className="measuring">{t('measuring')}</span>
      </div>
      {note && (
        <p className="notice technical" role="alert">
          ⚠ {note}{' '}
          <button type="button" className="link" onClick={() => setRound((r) => r + 1)}>
            ↻
          </button>
        </p>
      )}
      <form
        className="manual-temperature"
        onSubmit={(e) => {
          e.preventDefault();
          if (typedValid) onMeasured({ ok: true, bodyC: typedValue, readings: 1, estimated: false }, 'manual');
        }}
      >
        <label>
          {t('typeTemperature')}
          <input inputMode="decimal" aria-label={t('typeTemperature')} value={typed} onChange={(e) => setTyped(e.target.value.replace(/[^0-9.]/g, ''))} maxLength={4} />
        </label>
        <button type="submit" className="primary" disabled={!typedValid}>
          {t('next')} <kbd>Enter</kbd>
        </button>
      </form>
    </section>
  );
}
