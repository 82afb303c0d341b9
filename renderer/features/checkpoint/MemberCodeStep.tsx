// The next member of a household passing together: their own status, from the colour on their phone (the manual
// path), or, without a phone, their ID card through the no-phone lane.
import { useMemo } from 'react';
import type { IdentityRead, ManualColour } from '../../../src/common/contract/index.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useKeys } from './use-keys.ts';
import { PersonCard } from './ConfirmPersonStep.tsx';
import type { PersonRef } from './flow.ts';
import { NoPhoneStep } from './NoPhoneStep.tsx';
import { ManualStep } from './ManualStep.tsx';

interface Props {
  person: PersonRef;
  index: number;
  total: number;
  read?: IdentityRead | undefined;
  onColour: (colour: ManualColour, why: string) => void;
  onNoPhone: (manual?: { colour: ManualColour; why: string }) => void;
  /** Nobody of the group is recorded yet: cancelling drops the group (each is checked again). */
  onCancel: () => void;
}

export function MemberCodeStep({ person, index, total, read, onColour, onNoPhone, onCancel }: Props) {
  const { t } = useI18n();
  useKeys(useMemo(() => ({ Escape: onCancel }), [onCancel]));
  return (
    <section className="step step-member-code" data-member={index + 1}>
      <h2>👪 {t('memberOf', { i: index + 1, n: total, name: person.name })}</h2>
      <PersonCard person={person} />
      {read ? (
        <NoPhoneStep read={read} onRead={() => {}} onChoose={onNoPhone} onBack={() => {}} />
      ) : (
        <>
          <p className="hint">{t('memberCodeHint')}</p>
          <ManualStep askTestBand={false} onChoose={(colour, why) => onColour(colour, why)} />
        </>
      )}
      <button type="button" className="link" onClick={onCancel}>
        {t('groupCancel')} <kbd>Esc</kbd>
      </button>
    </section>
  );
}
