// Whose code is it (issue 13.2)? The code's holder, large, beside the person chosen; when the names differ the
// volunteer says whether it is the person's own code (looked up on a relative's phone: recorded so) or not.
import { useMemo } from 'react';
import type { HealthCodeResult } from '../../../src/common/contract/index.ts';
import { holderAgreement } from '../../../src/common/gate-rules/code-holder.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { CodeRef, PersonRef } from './flow.ts';
import { useKeys } from './use-keys.ts';

const holderOf = (code: CodeRef) => (code.kind === 'verified' && 'holderName' in code.result ? (code.result as Extract<HealthCodeResult, { holderName?: string }>).holderName : undefined);

/** The two names side by side; nothing when the code names nobody (a manual colour, a card without a name). */
export function HolderStrip({ code, person }: { code: CodeRef; person: PersonRef }) {
  const { t } = useI18n();
  const holder = holderOf(code);
  if (!holder) return null;
  const agreement = holderAgreement(holder, person.name);
  return (
    <div className={`holder-strip ${agreement}`} data-testid="holder-strip" data-agreement={agreement}>
      <span className="who">
        <small>{t('holderLabel')}</small>
        <strong data-testid="holder-name">{holder}</strong>
      </span>
      <span className="versus" aria-label={agreement === 'different' ? t('holderNamesDiffer') : t('holderNamesMatch')}>
        {agreement === 'different' ? '≠' : '='}
      </span>
      <span className="who">
        <small>{t('personLabel')}</small>
        <strong data-testid="person-name">{person.name}</strong>
      </span>
    </div>
  );
}

/** `byId`: the core found the ID on the code to be another person's, though the masked names look alike. */
export function HolderCheckStep({ code, person, byId, onTheirs, onNotTheirs }: { code: CodeRef; person: PersonRef; byId: boolean; onTheirs: () => void; onNotTheirs: () => void }) {
  const { t } = useI18n();
  useKeys(useMemo(() => ({ '1': onTheirs, '2': onNotTheirs }), [onTheirs, onNotTheirs]));
  return (
    <section className="step step-holder-check" role="alert">
      <h2>⚠ {t(byId ? 'holderIdCheckTitle' : 'holderCheckTitle')}</h2>
      <HolderStrip code={code} person={person} />
      <p className="hint">{t('holderCheckHint')}</p>
      <div className="choices">
        <button type="button" className="big primary" onClick={onTheirs}>
          {t('holderIsTheirs', { name: person.name })} <kbd>1</kbd>
        </button>
        <button type="button" className="big secondary" onClick={onNotTheirs}>
          {t('holderIsNotTheirs')} <kbd>2</kbd>
        </button>
      </div>
    </section>
  );
}
