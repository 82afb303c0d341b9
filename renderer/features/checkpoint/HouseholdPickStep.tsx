// Households together (同行人员, issue 15): the other registered members of the person's household, chosen by number
// key; Enter passes them together (each still gets their own code, temperature and mask). Esc goes back.
import { useEffect, useMemo, useState } from 'react';
import type { PersonMatch } from '../../../src/common/contract/roster.ts';
import { useCall } from '../../api/bridge-context.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { PersonCard } from './ConfirmPersonStep.tsx';
import { toPersonRef } from './FindResidentStep.tsx';
import type { PersonRef } from './flow.ts';
import { useKeys } from './use-keys.ts';

export function HouseholdPickStep({ person, onChosen, onBack }: { person: PersonRef & { residentId: string }; onChosen: (others: PersonRef[]) => void; onBack: () => void }) {
  const { t } = useI18n();
  const call = useCall();
  const [members, setMembers] = useState<PersonMatch[] | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call('household.members', { residentId: person.residentId })
      .then(({ matches }) => setMembers(matches))
      .catch((e: Error) => setError(e.message));
  }, [call, person.residentId]);
  const toggle = (id: string) => setChosen((set) => {
    const next = new Set(set);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });
  const confirm = () => chosen.size > 0 && members && onChosen(members.filter((m) => chosen.has(m.resident.id)).map(toPersonRef));
  const bindings = useMemo(() => {
    const keys: Record<string, () => void> = { Escape: onBack, Enter: () => void confirm() };
    (members ?? []).slice(0, 9).forEach((m, i) => (keys[String(i + 1)] = () => toggle(m.resident.id)));
    return keys;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [members, chosen, onBack]);
  useKeys(bindings);

  return (
    <section className="step step-household-pick">
      <h2>👪 {t('householdPick')}</h2>
      <PersonCard person={person} />
      {error && <p className="notice technical" role="alert">⚠ {error}</p>}
      {members?.length === 0 && <p className="notice">{t('householdNone')}</p>}
      {members && members.length > 0 && (
        <>
          <p className="hint">{t('householdPickHint')}</p>
          <ol className="match-list">
            {members.map((m, i) => (
              <li key={m.resident.id}>
                <button type="button" className={`big secondary ${chosen.has(m.resident.id) ? 'chosen' : ''}`} aria-pressed={chosen.has(m.resident.id)} onClick={() => toggle(m.resident.id)}>
                  <kbd>{i + 1}</kbd> {chosen.has(m.resident.id) ? '☑' : '☐'} <PersonCard person={toPersonRef(m)} />
                </button>
              </li>
            ))}
          </ol>
          <button type="button" className="big primary" disabled={chosen.size === 0} onClick={() => void confirm()}>
            {t('householdConfirm', { n: chosen.size + 1 })} <kbd>Enter</kbd>
          </button>
        </>
      )}
      <button type="button" className="link" onClick={onBack}>
        {t('back')} <kbd>Esc</kbd>
      </button>
    </section>
  );
}
