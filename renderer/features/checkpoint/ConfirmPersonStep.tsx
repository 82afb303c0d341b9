// A scanned card matched someone on the roster: the volunteer compares the person with the record.
import { useMemo } from 'react';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { PersonRef } from './flow.ts';
import { useKeys } from './use-keys.ts';

export function ConfirmPersonStep({ person, onConfirm, onSomeoneElse, onHousehold }: { person: PersonRef; onConfirm: () => void; onSomeoneElse: () => void; onHousehold?: () => void }) {
  const { t } = useI18n();
  useKeys(useMemo(() => ({ '1': onConfirm, Enter: onConfirm, '2': onSomeoneElse, ...(onHousehold ? { '5': onHousehold } : {}) }), [onConfirm, onSomeoneElse, onHousehold]));
  return (
    <section className="step step-confirm-person">
      <h2>{t('confirmPerson')}</h2>
      <PersonCard person={person} />
      <div className="choices">
        <button type="button" className="big colour green" onClick={onConfirm}>
          <span aria-hidden>✓</span> {t('thisIsThem')} <kbd>1</kbd>
        </button>
        <button type="button" className="big secondary" onClick={onSomeoneElse}>
          {t('someoneElse')} <kbd>2</kbd>
        </button>
        {onHousehold && (
          <button type="button" className="big secondary" onClick={onHousehold}>
            👪 {t('householdTogether')} <kbd>5</kbd>
          </button>
        )}
      </div>
    </section>
  );
}

export function PersonCard({ person }: { person: PersonRef }) {
  const { t } = useI18n();
  return (
    <div className="person-card" data-person-kind={person.kind}>
      <strong className="person-name">{person.name}</strong>
      <span>{person.household ?? ''}</span>
      {'maskedId' in person && person.maskedId && <span className="masked">{person.maskedId}</span>}
      {person.kind === 'commuter' && <span className="tag">{t('fastLaneCommuter')}</span>}
      {person.kind === 'visitor' && <span className="tag">{t('visitorChoice')}</span>}
    </div>
  );
}
