// Pass or refuse in colour, icon and words, with what to say to a refused person.
import { useMemo } from 'react';
import type { Entry, RefusalReason } from '../../../src/contract/index.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { useKeys } from './use-keys.ts';

export const reasonKey = (reason: RefusalReason) => `reason_${reason.replaceAll('-', '_')}` as MessageKey;

function adviceFor(reasons: RefusalReason[]): MessageKey[] {
  const advice = new Set<MessageKey>();
  for (const reason of reasons) {
    if (reason.startsWith('code-')) advice.add('say_code');
    if (reason === 'fever') advice.add('say_fever');
    if (reason === 'mask-missing') advice.add('say_mask');
    if (reason === 'identity-missing' || reason === 'details-missing') advice.add('say_identity');
  }
  return [...advice];
}

export function ResultPanel({ entry, feverLineC, onNext }: { entry: Entry; feverLineC: number; onNext: () => void }) {
  const { t } = useI18n();
  useKeys(useMemo(() => ({ Enter: onNext }), [onNext]));
  const pass = entry.decision === 'pass';
  return (
    <section className={`step result ${pass ? 'pass' : 'refuse'}`} role="status" data-decision={entry.decision}>
      <div className="result-icon" aria-hidden>{pass ? '✔' : '✖'}</div>
      <h2 className="result-word">{pass ? t('pass') : t('refuse')}</h2>
      <p className="result-who">
        {entry.identity.name ?? ''} {entry.temperature ? `· ${entry.temperature.bodyC.toFixed(1)}°C` : ''}
      </p>
      {!pass && (
        <ul className="reasons">
          {entry.reasons.map((r) => (
            <li key={r}>{t(reasonKey(r), { line: feverLineC })}</li>
          ))}
        </ul>
      )}
      {adviceFor(entry.reasons).map((key) => (
        <p className="advice" key={key}>
          {t(key)}
        </p>
      ))}
      <p className="hint">{t('recorded')}</p>
      <button type="button" className="big primary" onClick={onNext}>
        {t('nextPerson')} <kbd>Enter</kbd>
      </button>
    </section>
  );
}
