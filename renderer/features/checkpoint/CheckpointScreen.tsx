// The volunteer's screen: one step at a time, from scan to pass or refuse.
import './gate.css';
import './flow.css';
import './fit.css';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { EntryFacts, ManualColour, ManualTestBand, Measurement, MethodOutput } from '../../../src/common/contract/index.ts';
import { requirementFor, strictestTestAge } from '../../../src/common/gate-rules/health-requirements.ts';
import { CallError, useCall } from '../../api/bridge-context.tsx';
import { useErrorText, useI18n } from '../../i18n/i18n-context.tsx';
import { GateBar } from './GateBar.tsx';
import { CodeFacts } from './CodeFacts.tsx';
import { DccBanner } from './DccBanner.tsx';
import { PlateStep } from './PlateStep.tsx';
import { VisitorStep } from './VisitorStep.tsx';
import { ConfirmPersonStep } from './ConfirmPersonStep.tsx';
import { FindResidentStep, toPersonRef } from './FindResidentStep.tsx';
import { IdentityStep } from './IdentityStep.tsx';
import { initialState, next, type PersonRef, type Vehicle } from './flow.ts';
import { ManualStep } from './ManualStep.tsx';
import { MaskStep } from './MaskStep.tsx';
import { OverrideStep } from './OverrideStep.tsx';
import { ResultPanel } from './ResultPanel.tsx';
import { CameraScanner } from '../camera/CameraScanner.tsx';
import { ScanStep } from './ScanStep.tsx';
import { TemperatureStep } from './TemperatureStep.tsx';
import { useKeys } from './use-keys.ts';
import { useScans } from './use-scans.ts';
import { Spoken } from '../access/Spoken.tsx';
import { CancelButton } from './CancelButton.tsx';
import { FlowNotice } from './FlowNotice.tsx';
import { HolderCheckStep, HolderStrip } from './CodeHolder.tsx';
import { NotACodeStep } from './NotACodeStep.tsx';
import { useCancelKeys } from './use-cancel.ts';
import { useNoStickyFocus } from './use-no-sticky-focus.ts';
import { useThermometerDown } from './use-thermometer.ts';
import { CardSteps } from './CardSteps.tsx';
import { useIdCards } from './use-id-cards.ts';

type GateStatus = MethodOutput<'gate.status'>;

function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function CheckpointScreen({ info, status, onHandOver }: { info: MethodOutput<'system.info'>; status: GateStatus | null; onHandOver: () => void }) {
  const errorText = useErrorText();
  const { policy } = info;
  const { t } = useI18n();
  const call = useCall();
  const [state, dispatch] = useReducer(next, initialState);
  const { step } = state;
  const [progress, setProgress] = useState(0);
  const [camera, setCamera] = useState(false);
  // One idempotency key per person's facts: a retry after a lost answer sends the same key, so the core answers with
  // the entry it already recorded instead of recording the person twice (an override makes new facts, a new key).
  const idempotencyKeys = useRef(new WeakMap<EntryFacts, string>());

  useScans(info.scanner.wedge, { onScan: (text) => dispatch({ type: 'scanned', text, at: performance.now() }), onProgress: setProgress });
  useIdCards((read) => dispatch({ type: 'card-read', read, at: performance.now() }));

  useEffect(() => {
    if (status) dispatch({ type: 'lane', lane: status.lane, outChecks: policy.checksOnTheWayOut });
  }, [status, policy.checksOnTheWayOut]);

  useEffect(() => {
    if (step.name !== 'verifying') return;
    // A newer scan or a cancel may replace this step before the answer comes: a late answer is dropped.
    let live = true;
    call('codes.verify', { text: step.text })
      .then(({ checkId, result }) => live && dispatch({ type: 'verified', checkId, result }))
      .catch((error: unknown) => live && dispatch({ type: 'verify-failed', message: errorText(error) }));
    return () => {
      live = false;
    };
  }, [step, call]);

  useEffect(() => {
    if (step.name !== 'matching') return;
    let live = true;
    call('gate.match', { checkId: step.code.checkId })
      .then(({ match }) => live && dispatch({ type: 'matched', person: match ? toPersonRef(match) : null }))
      .catch(() => live && dispatch({ type: 'matched', person: null }));
    return () => {
      live = false;
    };
  }, [step, call]);

  useEffect(() => {
    if (step.name !== 'saving') return;
    // The duration is measured on this page's clock: from the first scan or key to now.
    let idempotencyKey = idempotencyKeys.current.get(step.facts);
    if (!idempotencyKey) idempotencyKeys.current.set(step.facts, (idempotencyKey = newIdempotencyKey()));
    const timed = state.startedAt !== null ? { ...step.facts, durationMs: Math.max(0, Math.round(performance.now() - state.startedAt)) } : step.facts;
    const facts = { ...timed, idempotencyKey };
    call('entries.record', facts)
      .then((entry) => dispatch({ type: 'recorded', entry }))
      .catch((error: unknown) => dispatch({ type: 'record-failed', message: errorText(error), ...(error instanceof CallError && error.key ? { key: error.key } : {}) }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [step, call]);

  const onManual = useCallback(() => dispatch({ type: 'manual-requested', at: performance.now() }), []);
  const onCamera = useCallback(() => setCamera(true), []);
  const onCameraScan = useCallback((text: string) => {
    setCamera(false);
    dispatch({ type: 'scanned', text, at: performance.now() });
  }, []);
  const onColour = useCallback((colour: ManualColour, why: string, testBand?: ManualTestBand) => dispatch({ type: 'colour-chosen', colour, why, testBand }), []);
  const toggleOtherPhone = useCallback(() => dispatch({ type: 'other-phone-toggled' }), []);
  // The test age is coloured against the rule for this person once known, before that against the strictest one.
  const rules = policy.healthRequirements;
  const person = 'person' in step ? step.person : null;
  const limitHours = person ? requirementFor(rules, state.direction, person.kind).maxTestAgeHours : strictestTestAge(rules, state.direction);
  const codeShown = 'code' in step ? step.code : null;
  const onMeasured = useCallback(
    (measurement: Measurement, source: 'device' | 'manual') => dispatch({ type: 'measured', measurement, source, feverLineC: policy.feverLineC }),
    [policy.feverLineC],
  );
  const onMask = useCallback((worn: boolean) => dispatch({ type: 'mask-checked', worn }), []);
  const onPerson = useCallback((person: PersonRef) => dispatch({ type: 'person-chosen', person }), []);
  const onBack = useCallback(() => dispatch({ type: 'back' }), []);
  const onPlate = useCallback(() => dispatch({ type: 'plate-requested' }), []);
  const onVehicle = useCallback((vehicle: Vehicle) => dispatch({ type: 'vehicle-found', vehicle }), []);
  const onVehicleDone = useCallback(() => dispatch({ type: 'vehicle-done' }), []);
  const toggleDirection = useCallback(() => dispatch({ type: 'direction-toggled' }), []);
  const reset = useCallback(() => dispatch({ type: 'reset', at: performance.now() }), []);
  const cancel = useCallback(() => (camera ? setCamera(false) : dispatch({ type: 'cancel', at: performance.now() })), [camera]);
  const onHolderTheirs = useCallback(() => dispatch({ type: 'holder-confirmed' }), []);
  const onHolderNotTheirs = useCallback(() => dispatch({ type: 'holder-not-theirs' }), []);
  useKeys(useMemo(() => ({ '/': toggleDirection, '+': onHandOver }), [toggleDirection, onHandOver]), step.name === 'scan');
  // Every step but a save in flight has a way back; on the scan screen it closes the camera or clears a notice.
  useCancelKeys(cancel, step.name !== 'saving');
  useNoStickyFocus();
  const thermometerDown = useThermometerDown();
  const cancellable = step.name !== 'scan' && step.name !== 'saving' && step.name !== 'result';
  const personShown = step.name === 'confirm-person' || step.name === 'temperature' || step.name === 'mask' ? step : null;

  return (
    <main className="checkpoint" data-step={step.name} data-direction={state.direction} data-lane={state.lane}>
      <GateBar status={status} direction={state.direction} vehicle={state.vehicle} onToggleDirection={toggleDirection} onHandOver={onHandOver} />
      <FlowNotice state={state} />
      {step.name === 'scan' && <DccBanner timeZone={info.timeZone} />}
      {codeShown && codeShown.kind !== 'no-phone' && <CodeFacts code={codeShown} limitHours={limitHours} timeZone={info.timeZone} otherPhone={state.otherPhone} onToggleOtherPhone={toggleOtherPhone} />}
      {step.name === 'scan' && camera && <CameraScanner onScan={onCameraScan} onClose={() => setCamera(false)} />}
      {step.name === 'scan' && !camera && <ScanStep onManual={onManual} onNoPhone={() => dispatch({ type: 'no-phone-requested', at: performance.now() })} onCamera={onCamera} onPlate={onPlate} onVehicleDone={onVehicleDone} vehicle={state.vehicle} progress={progress} />}
      {step.name === 'plate' && <PlateStep onFound={onVehicle} onBack={onBack} />}
      {personShown && <HolderStrip code={personShown.code} person={personShown.person} />}
      {(step.name === 'verifying' || step.name === 'matching') && <section className="step busy">{t('verifying')}</section>}
      {step.name === 'not-a-code' && <NotACodeStep problem={step.problem} onScanAgain={cancel} onManual={onManual} />}
      {step.name === 'holder-check' && <HolderCheckStep code={step.code} person={step.person} byId={step.facts !== undefined} onTheirs={onHolderTheirs} onNotTheirs={onHolderNotTheirs} />}
      {step.name === 'manual' && <ManualStep problem={step.problem} askTestBand={strictestTestAge(rules, state.direction) !== null} onChoose={onColour} />}
      {step.name === 'confirm-person' && <ConfirmPersonStep person={step.person} onConfirm={() => dispatch({ type: 'person-confirmed' })} onSomeoneElse={() => dispatch({ type: 'someone-else' })} {...(step.person.kind !== 'visitor' && !state.group ? { onHousehold: () => dispatch({ type: 'household-requested' }) } : {})} />}
      {step.name === 'identity' && <IdentityStep onChoose={(how) => dispatch({ type: 'identity-chosen', how })} />}
      {step.name === 'find-resident' && <FindResidentStep by={step.by} onChosen={onPerson} onBack={onBack} />}
      {step.name === 'visitor' && <VisitorStep suggestedName={step.suggestedName} onChosen={onPerson} onBack={onBack} />}
      {step.name === 'temperature' && <TemperatureStep key={step.attempt} attempt={step.attempt} note={step.note} failures={step.failures} thermometerDown={thermometerDown} onMeasured={onMeasured} />}
      {step.name === 'mask' && <MaskStep temperature={step.temperature} onChecked={onMask} />}
      <CardSteps state={state} dispatch={dispatch} policy={policy} />
      {step.name === 'saving' && <section className="step busy">{t('saving')}</section>}
      {step.name === 'result' && <ResultPanel entry={step.entry} policy={policy} timeZone={info.timeZone} samplingPoint={info.samplingPoint} onNext={reset} onOverride={() => dispatch({ type: 'override-requested' })} />}
      {step.name === 'override' && <OverrideStep onAuthorized={(overrideId) => dispatch({ type: 'override-authorized', overrideId })} onBack={onBack} />}
      {step.name === 'failed' && <FailedStep message={step.message} onRetry={step.facts ? () => dispatch({ type: 'retry' }) : undefined} />}
      {cancellable && <CancelButton onCancel={cancel} />}
    </main>
  );
}

/** Recording failed: nothing is on disk. Try again (Enter), or cancel (Esc): the person is not recorded. */
function FailedStep({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const { t } = useI18n();
  useKeys(useMemo((): Record<string, () => void> => (onRetry ? { Enter: onRetry } : {}), [onRetry]));
  return (
    <section className="step failed" role="alert">
      <Spoken text={t('sayScanAgain')} />
      <h2>⚠ {message}</h2>
      {onRetry && (
        <button type="button" className="big primary" onClick={onRetry}>
          ↻ {t('retry')} <kbd>Enter</kbd>
        </button>
      )}
    </section>
  );
}
