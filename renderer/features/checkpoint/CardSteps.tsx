// The steps of issue 15 (ID card, no-phone lane, households together) rendered for the checkpoint screen, so the
// screen itself only mounts this beside its own steps. State and events are flow.ts's (see flow-card.ts,
// flow-household.ts).
import './card.css';
import { useCallback, useEffect, useRef, type Dispatch } from 'react';
import type { EntryFacts, ManualColour, Policy } from '../../../src/common/contract/index.ts';
import { useCall } from '../../api/bridge-context.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { CardStep } from './CardStep.tsx';
import { CardVisitorStep } from './CardVisitorStep.tsx';
import type { FlowEvent, FlowState, PersonRef } from './flow.ts';
import { GroupResult } from './GroupResult.tsx';
import { HolderCheck } from './HolderCheck.tsx';
import { HouseholdPickStep } from './HouseholdPickStep.tsx';
import { MemberCodeStep } from './MemberCodeStep.tsx';
import { NoPhoneStep } from './NoPhoneStep.tsx';

function newKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function CardSteps({ state, dispatch, policy }: { state: FlowState; dispatch: Dispatch<FlowEvent>; policy: Policy }) {
  const { t } = useI18n();
  const call = useCall();
  const { step } = state;
  // One idempotency key per member's facts: a retried group call returns the group already recorded.
  const keys = useRef(new WeakMap<EntryFacts, string>());
  const reset = useCallback(() => dispatch({ type: 'reset' }), [dispatch]);
  const onNoPhoneRequested = useCallback(() => dispatch({ type: 'no-phone-requested', at: performance.now() }), [dispatch]);
  const onNoPhoneChosen = useCallback((manual?: { colour: ManualColour; why: string }) => dispatch({ type: 'no-phone-chosen', ...(manual ? { manual } : {}) }), [dispatch]);
  const onPerson = useCallback((person: PersonRef) => dispatch({ type: 'person-chosen', person }), [dispatch]);
  const onBack = useCallback(() => dispatch({ type: 'back' }), [dispatch]);

  useEffect(() => {
    if (step.name !== 'saving-group') return;
    const members = step.members.map((facts) => {
      let key = keys.current.get(facts);
      if (!key) keys.current.set(facts, (key = newKey()));
      return { ...facts, idempotencyKey: key };
    });
    call('entries.recordGroup', { members })
      .then(({ entries }) => dispatch({ type: 'group-recorded', entries }))
      .catch((error: Error) => dispatch({ type: 'record-failed', message: error.message }));
  }, [step, call, dispatch]);

  const code = 'code' in step ? step.code : null;
  const group = state.group;
  return (
    <>
      {state.card && code?.kind === 'verified' && <HolderCheck read={state.card} checkId={code.checkId} />}
      {step.name === 'card' && <CardStep read={step.read} onNoPhone={onNoPhoneRequested} onManual={() => dispatch({ type: 'manual-requested', at: performance.now() })} onCancel={reset} />}
      {step.name === 'no-phone' && <NoPhoneStep read={step.read} onRead={(read) => dispatch({ type: 'no-phone-read', read })} onChoose={onNoPhoneChosen} onBack={onBack} />}
      {step.name === 'card-visitor' && <CardVisitorStep read={step.read} onChosen={onPerson} onBack={onBack} />}
      {step.name === 'household-pick' && 'residentId' in step.person && (
        <HouseholdPickStep person={step.person} onChosen={(others) => dispatch({ type: 'group-chosen', others })} onBack={onBack} />
      )}
      {step.name === 'member-code' && group && (
        <MemberCodeStep
          key={group.index}
          person={step.person}
          index={group.index}
          total={group.members.length}
          read={step.read}
          onColour={(colour, why) => dispatch({ type: 'colour-chosen', colour, why })}
          onNoPhone={onNoPhoneChosen}
          onCancel={reset}
        />
      )}
      {step.name === 'saving-group' && <section className="step busy">{t('saving')}</section>}
      {step.name === 'group-result' && <GroupResult entries={step.entries} policy={policy} onNext={reset} />}
    </>
  );
}
