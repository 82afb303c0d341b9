// Pass or refuse in colour, icon, words, sound and voice, with what to say to a refused person; a manager may
// override a refusal from here.
import { useEffect, useMemo } from 'react';
import type { Entry, RefusalReason } from '../../../src/common/contract/index.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { adviceFor, reasonKey } from '../../i18n/reasons.ts';
import { playCue, speak } from './cues.ts';
import { useKeys } from './use-keys.ts';

export function ResultPanel({ entry, feverLineC, onNext, onOverride }: { entry: Entry; feverLineC: number; onNext: () => void; onOverride?: () => void }) {
  const { t, language } = useI18n();
  const pass = entry.decision === 'pass';
  useKeys(useMemo(() => ({ Enter: onNext, ...(!pass && onOverride ? { '9': onOverride } : {}) }), [onNext, onOverride, pass]));
  useEffect(() => {
    playCue(pass ? 'pass' : 'refuse');
    const said = pass ? t('pass') : [t('refuse'), ...entry.reasons.map((r) => t(reasonKey(r), { line: feverLineC }))].join('，');
    speak(said, language);
    // Once per recorded entry.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [entry.id]);
  return (
    <section className={`step result ${pass ? 'pass' : 'refuse'}`} role="status" data-decision={entry.decision} data-overridden={entry.override ? 'yes' : 'no'}>
      <div className="result-icon" aria-hidden>{pass ? '✔' : '✖'}</div>
      <h2 className="result-word">{pass ? t('pass') : t('refuse')}</h2>
      <p className="result-who">
        {entry.identity.name ?? ''} {entry.person?.household ? `· ${entry.person.household}` : ''} {entry.temperature ? `· ${entry.temperature.bodyC.toFixed(1)}°C` : ''}
        {entry.plate ? ` · 🚗 ${entry.plate}` : ''}
      </p>
      {entry.override && <p className="advice override-mark">🔑 {t('overridden', { by: entry.override.by, reason: entry.override.reason })}</p>}
      {pass && entry.watch?.hits.some((h) => h.kind === 'follow-up') && (
        <p className="watch-notice" data-watch="follow-up">
          ⓘ {t('watchFollowUp')}
        </p>
      )}
      {!pass && entry.watch?.hits.some((h) => h.kind === 'red' || h.kind === 'yellow') && <p className="watch-notice">{t('watchListedColour')}</p>}
      {entry.reasons.length > 0 && (
        <ul className="reasons">
          {entry.reasons.map((r) => (
            <li key={r}>{t(reasonKey(r), { line: feverLineC })}</li>
          ))}
        </ul>
      )}
      {!pass &&
        adviceFor(entry.reasons).map((key) => (
          <p className="advice" key={key}>
            {t(key)}
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
