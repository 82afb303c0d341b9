// A household's result: one line per member, each with their own pass or refusal and why; Enter for the next person.
import { useMemo } from 'react';
import type { Entry, Policy } from '../../../src/common/contract/index.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { reasonKey } from '../../i18n/reasons.ts';
import { useKeys } from './use-keys.ts';

export function GroupResult({ entries, policy, onNext }: { entries: Entry[]; policy: Policy; onNext: () => void }) {
  const { t } = useI18n();
  useKeys(useMemo(() => ({ Enter: onNext }), [onNext]));
  return (
    <section className="step step-group-result" role="status">
      <h2>👪 {t('groupResult', { n: entries.length })}</h2>
      <ul className="group-members">
        {entries.map((e) => (
          <li key={e.id} className={`group-member ${e.decision}`} data-decision={e.decision} data-entry-id={e.id}>
            <strong>{e.decision === 'pass' ? `✔ ${t('pass')}` : `✖ ${t('refuse')}`}</strong> {e.identity.name ?? '—'}
            {e.temperature && <span> · {e.temperature.bodyC.toFixed(1)} °C</span>}
            {e.reasons.length > 0 && <span className="reasons"> · {e.reasons.map((r) => t(reasonKey(r), { line: policy.feverLineC })).join('、')}</span>}
          </li>
        ))}
      </ul>
      <button type="button" className="big primary" onClick={onNext}>
        {t('nextPerson')} <kbd>Enter</kbd>
      </button>
    </section>
  );
}
