// Pass or refuse in colour, icon, words, sound and voice, with what to say to a refused person; a manager may
// override a refusal from here. Beside the decision: the code's facts (test age against the policy, a relative's
// code), the warnings a pass carries, and the EU DCC rules a certificate failed.
import { useEffect, useMemo } from 'react';
import type { Entry, Policy } from '../../../src/common/contract/index.ts';
import { requirementFor } from '../../../src/common/gate-rules/health-requirements.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { adviceFor, reasonKey, reasonVars } from '../../i18n/reasons.ts';
import { CodeFacts } from './CodeFacts.tsx';
import { playCue, speak } from './cues.ts';
import { useKeys } from './use-keys.ts';

interface Props {
  entry: Entry;
  policy: Policy;
  timeZone: string;
  samplingPoint?: string;
  onNext: () => void;
  onOverride?: () => void;
}

export function ResultPanel({ entry, policy, timeZone, samplingPoint, onNext, onOverride }: Props) {
  const { t, language } = useI18n();
  const pass = entry.decision === 'pass';
  const requirement = requirementFor(policy.healthRequirements, entry.direction, entry.person?.kind ?? 'unknown');
  const vars = reasonVars({ line: policy.feverLineC, hours: requirement.maxTestAgeHours, doses: requirement.minDoses });
  const code = entry.code;
  // Only when there is something to show: a result without health facts looks as it always did.
  const facts = code.status !== 'invalid' && code.status !== 'error' && (code.nucleicAcid || code.antigen || code.travelFlag || code.cachedFrom || requirement.maxTestAgeHours !== null || entry.codeOnOtherPhone) ? code : null;
  // A revoked printed card has its own words: it says nothing about health, only that the card is no longer valid.
  const revokedCard = code.status === 'invalid' && code.reason === 'revoked' && code.source === 'resident-card';
  const reasonWords = (r: Entry['reasons'][number]) => (revokedCard && r === 'code-invalid' ? t('reason_card_revoked') : t(reasonKey(r), vars));
  const say = (key: MessageKey) => (key === 'say_test' ? (samplingPoint ? t('say_test', { place: samplingPoint }) : t('say_test_nowhere')) : t(key));
  useKeys(useMemo(() => ({ Enter: onNext, ...(!pass && onOverride ? { '9': onOverride } : {}) }), [onNext, onOverride, pass]));
  useEffect(() => {
    playCue(pass ? 'pass' : 'refuse');
    const said = pass ? [t('pass'), ...(entry.warnings ?? []).map((w) => t(`warning_${w.replaceAll('-', '_') as 'travel_flag'}`))].join('，') : [t('refuse'), ...entry.reasons.map(reasonWords)].join('，');
    speak(said, language);
    // Once per recorded entry.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [entry.id]);
  return (
    <section className={`step result ${pass ? 'pass' : 'refuse'}${facts ? ' has-facts' : ''}`} role="status" data-decision={entry.decision} data-overridden={entry.override ? 'yes' : 'no'}>
      <div className="result-head">
        <div className="result-icon" aria-hidden>{pass ? '✔' : '✖'}</div>
        <h2 className="result-word">{pass ? t('pass') : t('refuse')}</h2>
      </div>
      <p className="result-who">
        {entry.identity.name ?? ''} {entry.person?.household ? `· ${entry.person.household}` : ''} {entry.temperature ? `· ${entry.temperature.bodyC.toFixed(1)}°C` : ''}
        {entry.plate ? ` · 🚗 ${entry.plate}` : ''}
      </p>
      {facts && <CodeFacts code={{ kind: 'verified', checkId: '', result: facts }} limitHours={requirement.maxTestAgeHours} timeZone={timeZone} otherPhone={entry.codeOnOtherPhone === true} compact />}
      {entry.override && <p className="advice override-mark">🔑 {t('overridden', { by: entry.override.by, reason: entry.override.reason })}</p>}
      {(entry.warnings ?? []).map((w) => (
        <p className="advice warning" key={w} data-warning={w}>
          ⚠ {t(`warning_${w.replaceAll('-', '_') as 'travel_flag'}`)}
        </p>
      ))}
      {pass && entry.watch?.hits.some((h) => h.kind === 'follow-up') && (
        <p className="watch-notice" data-watch="follow-up">
          ⓘ {t('watchFollowUp')}
        </p>
      )}
      {!pass && entry.watch?.hits.some((h) => h.kind === 'red' || h.kind === 'yellow') && <p className="watch-notice">{t('watchListedColour')}</p>}
      {entry.reasons.length > 0 && (
        <ul className="reasons">
          {entry.reasons.map((r) => (
            <li key={r}>{reasonWords(r)}</li>
          ))}
        </ul>
      )}
      {code.status === 'invalid' && code.failedRules && code.failedRules.length > 0 && (
        <div className="failed-rules">
          <strong>{t('failedRules')}</strong>
          <ul>
            {code.failedRules.map((r) => (
              <li key={r.id} data-rule={r.id}>
                {r.id}: {language === 'zh' && r.descriptionZh ? r.descriptionZh : r.description}
              </li>
            ))}
          </ul>
        </div>
      )}
      {!pass &&
        adviceFor(entry.reasons).map((key) => (revokedCard && (key === 'say_code' || key === 'say_code_invalid') ? 'say_card_revoked' : key)).map((key) => (
          <p className="advice" key={key}>
            {say(key)}
          </p>
        ))}
      <p className="hint">{t('recorded')}</p>
      <div className="choices">
        <button type="button" className="big primary" onClick={onNext}>
          {t('nextPerson')} <kbd>Enter</kbd>
        </button>
        {!pass && onOverride && (
          <button type="button" className="big secondary" onClick={onOverride}>
            🔑 {t('override')} <kbd>9</kbd>
          </button>
        )}
      </div>
    </section>
  );
}
