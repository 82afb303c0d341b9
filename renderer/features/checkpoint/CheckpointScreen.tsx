// The volunteer's screen: one step at a time, from scan to pass or refuse.
import { useCallback, useEffect, useReducer, useState } from 'react';
import type { ManualColour, Measurement, MethodOutput } from '../../../src/contract/index.ts';
import { useCall } from '../../api/bridge-context.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { IdentityStep } from './IdentityStep.tsx';
import { initialStep, next } from './flow.ts';
import { ManualStep } from './ManualStep.tsx';
import { MaskStep } from './MaskStep.tsx';
import { CameraScanner } from '../camera/CameraScanner.tsx';
import { ResultPanel } from './ResultPanel.tsx';
import { ScanStep } from './ScanStep.tsx';
import { TemperatureStep } from './TemperatureStep.tsx';
import { useScans } from './use-scans.ts';

export function CheckpointScreen({ info }: { info: MethodOutput<'system.info'> }) {
  const { policy } = info;
  const { t } = useI18n();
  const call = useCall();
  const [step, dispatch] = useReducer(next, initialStep);
  const [progress, setProgress] = useState(0);
  const [camera, setCamera] = useState(false);

  useScans(info.scanner.wedge, { onScan: (text) => dispatch({ type: 'scanned', text }), onProgress: setProgress });

  useEffect(() => {
    if (step.name !== 'verifying') return;
    call('codes.verify', { text: step.text })
      .then(({ checkId, result }) => dispatch({ type: 'verified', checkId, result }))
      .catch((error: Error) => dispatch({ type: 'verify-failed', message: error.message }));
  }, [step, call]);

  useEffect(() => {
    if (step.name !== 'saving') return;
    call('entries.record', step.facts)
      .then((entry) => dispatch({ type: 'recorded', entry }))
      .catch((error: Error) => dispatch({ type: 'record-failed', message: error.message }));
  }, [step, call]);

  const onManual = useCallback(() => dispatch({ type: 'manual-requested' }), []);
  const onCameraScan = useCallback((text: string) => {
    setCamera(false);
    dispatch({ type: 'scanned', text });
  }, []);
  const onColour = useCallback((colour: ManualColour, why: string) => dispatch({ type: 'colour-chosen', colour, why }), []);
  const onMeasured = useCallback(
    (measurement: Measurement, source: 'device' | 'manual') => dispatch({ type: 'measured', measurement, source, feverLineC: policy.feverLineC }),
    [policy.feverLineC],
  );
  const onMask = useCallback((worn: boolean) => dispatch({ type: 'mask-checked', worn }), []);
  const reset = useCallback(() => dispatch({ type: 'reset' }), []);

  return (
    <main className="checkpoint" data-step={step.name}>
      {step.name === 'scan' && camera && <CameraScanner onScan={onCameraScan} onClose={() => setCamera(false)} />}
      {step.name === 'scan' && !camera && <ScanStep onManual={onManual} onCamera={() => setCamera(true)} progress={progress} />}
      {step.name === 'verifying' && <section className="step busy">{t('verifying')}</section>}
      {step.name === 'manual' && <ManualStep problem={step.problem} onChoose={onColour} />}
      {step.name === 'identity' && <IdentityStep suggestedName={step.suggestedName} onName={(name) => dispatch({ type: 'name-entered', name })} />}
      {step.name === 'temperature' && <TemperatureStep key={step.attempt} attempt={step.attempt} note={step.note} onMeasured={onMeasured} />}
      {step.name === 'mask' && <MaskStep temperature={step.temperature} onChecked={onMask} />}
      {step.name === 'saving' && <section className="step busy">{t('saving')}</section>}
      {step.name === 'result' && <ResultPanel entry={step.entry} feverLineC={policy.feverLineC} onNext={reset} />}
      {step.name === 'failed' && (
        <section className="step failed" role="alert">
          <h2>⚠ {step.message}</h2>
          {step.facts && (
            <button type="button" className="big primary" onClick={() => dispatch({ type: 'retry' })}>
              ↻ {t('retry')}
            </button>
          )}
          <button type="button" className="big secondary" onClick={reset}>
            {t('nextPerson')}
          </button>
        </section>
      )}
    </main>
  );
}
