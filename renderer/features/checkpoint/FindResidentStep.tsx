// People without smartphones: find a resident by ID number or by household, then choose them by number key.
import { useMemo, useState } from 'react';
import type { PersonMatch } from '../../../src/common/contract/roster.ts';
import { useCall } from '../../api/bridge-context.tsx';
import { useErrorText, useI18n } from '../../i18n/i18n-context.tsx';
import { PersonCard } from './ConfirmPersonStep.tsx';
import type { PersonRef } from './flow.ts';
import { useKeys } from './use-keys.ts';

export const toPersonRef = (m: PersonMatch): PersonRef => ({ kind: m.kind, residentId: m.resident.id, name: m.resident.name, household: m.resident.household, maskedId: m.resident.maskedId });

export function FindResidentStep({ by, onChosen, onBack }: { by: 'id' | 'household'; onChosen: (person: PersonRef) => void; onBack: () => void }) {
  const errorText = useErrorText();
  const { t } = useI18n();
  const call = useCall();
  const [text, setText] = useState('');
  const [matches, setMatches] = useState<PersonMatch[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const bindings = useMemo(() => {
    // Esc is the checkpoint's cancel (use-cancel.ts); the number keys choose a person.
    const keys: Record<string, () => void> = {};
    (matches ?? []).slice(0, 9).forEach((m, i) => (keys[String(i + 1)] = () => onChosen(toPersonRef(m))));
    return keys;
  }, [matches, onChosen]);
  useKeys(bindings);

  async function find() {
    setError(null);
    try {
      const found = await call('roster.residents.find', by === 'id' ? { idNumber: text } : { household: text });
      if (found.matches.length === 1) onChosen(toPersonRef(found.matches[0]!));
      else setMatches(found.matches);
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <section className="step step-find-resident">
      <h2>{by === 'id' ? t('idNumber') : t('householdLabel')}</h2>
      {matches === null || matches.length === 0 ? (
        <form onSubmit={(e) => (e.preventDefault(), text.trim() && void find())}>
          <input className="big-input" autoFocus aria-label={by === 'id' ? t('idNumber') : t('householdLabel')} value={text} onChange={(e) => setText(e.target.value)} maxLength={32} />
          <p className="hint">{by === 'id' ? t('idNumberHint') : t('householdHint')}</p>
          {matches?.length === 0 && <p className="notice" role="alert">{t('noneFound')}</p>}
          {error && <p className="notice technical" role="alert">⚠ {error}</p>}
          <button type="submit" className="big primary" disabled={!text.trim()}>
            {t('search')} <kbd>Enter</kbd>
          </button>
        </form>
      ) : (
        <>
          <p className="hint">{t('choosePerson')}</p>
          <ol className="match-list">
            {matches.map((m, i) => (
              <li key={m.resident.id}>
                <button type="button" className="big secondary" onClick={() => onChosen(toPersonRef(m))}>
                  <kbd>{i + 1}</kbd> <PersonCard person={toPersonRef(m)} />
                </button>
              </li>
            ))}
          </ol>
        </>
      )}
      <button type="button" className="link" onClick={onBack}>
        {t('back')}
      </button>
    </section>
  );
}
