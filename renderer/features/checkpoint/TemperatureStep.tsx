// Measures as soon as the step opens, using only readings taken after it opened; a handheld value can always be typed,
// and the handheld input has the keys from the start (issue 13.5): 36.5 Enter works at once, * measures again. While the
// header says the thermometer is down nothing waits for it; when it comes back the step measures again by itself.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Measurement, Reading } from '../../../src/common/contract/index.ts';
import { useBridge, useCall } from '../../api/bridge-context.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useKeys } from './use-keys.ts';

interface Props {
  attempt: 1 | 2;
  /** Why the last measurement gave no temperature (the core's words, kept for the technician's tooltip). */
  note?: string;
  /** How many measurements gave nothing: a retry hides the note until the next one fails. */
  failures?: number;
  thermometerDown: boolean;
  onMeasured: (measurement: Measurement, source: 'device' | 'manual') => void;
}

const RETRY_KEY = '*';

export function TemperatureStep({ attempt, note, failures = 0, thermometerDown, onMeasured }: Props) {
  const { t } = useI18n();
  const call = useCall();
  const bridge = useBridge();
  const input = useRef<HTMLInputElement>(null);
  const [live, setLive] = useState<Reading | null>(null);
  const [typed, setTyped] = useState('');
  const [round, setRound] = useState(0);
  const [retriedAt, setRetriedAt] = useState(-1);
  const failed = useRef(failures);
  failed.current = failures;
  const retry = useMemo(
    () => () => {
      setRetriedAt(failed.current);
      setRound((r) => r + 1);
    },
    [],
  );
  useKeys(useMemo(() => ({ [RETRY_KEY]: retry }), [retry]));

  useEffect(() => bridge.subscribe('thermometer.reading', setLive), [bridge]);
  useEffect(() => input.current?.focus(), [failures, thermometerDown]);

  useEffect(() => {
    if (thermometerDown) return;
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
  }, [attempt, round, thermometerDown]);

  const typedValue = Number(typed);
  const typedValid = typed !== '' && typedValue >= 34 && typedValue <= 43;
  const noReading = note !== undefined && failures !== retriedAt;
  const problem = thermometerDown ? t('thermometerDown') : noReading ? t('thermometerNoReading') : null;
  return (
    <section className="step step-temperature">
      <h2>{attempt === 2 ? t('remeasure') : t('stepTemperature')}</h2>
      <p className="hint">{attempt === 2 ? t('remeasureHint') : t('temperatureHint')}</p>
      {!thermometerDown && (
        <div className="live-reading" aria-live="polite">
          {live?.bodyC !== undefined ? `${live.bodyC.toFixed(1)}°C` : '—'}
          <span className="measuring">{noReading ? '' : t('measuring')}</span>
        </div>
      )}
      {problem && (
        <p className="notice technical" role="alert" title={note} data-testid="thermometer-problem">
          ⚠ {problem}
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
          <input
            ref={input}
            autoFocus
            inputMode="decimal"
            aria-label={t('typeTemperature')}
            title={t('temperatureTyped')}
            value={typed}
            onKeyDown={(e) => {
              // The field only takes digits and a point, so * is free to measure again from inside it.
              if (e.key === RETRY_KEY && !thermometerDown) {
                e.preventDefault();
                retry();
              }
            }}
            onChange={(e) => setTyped(e.target.value.replace(/[^0-9.]/g, ''))}
            maxLength={4}
          />
        </label>
        <button type="submit" className="big primary" disabled={!typedValid}>
          {t('next')} <kbd>Enter</kbd>
        </button>
      </form>
      {!thermometerDown && noReading && (
        <button type="button" className="secondary" onClick={retry}>
          ↻ {t('thermometerRetry')} <kbd>{RETRY_KEY}</kbd>
        </button>
      )}
    </section>
  );
}
