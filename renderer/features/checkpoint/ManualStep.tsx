// The declared fallback: the volunteer records the colour seen on the phone, with why the scan could not be used.
import { useMemo, useState } from 'react';
import type { HealthCodeResult, ManualColour } from '../../../src/common/contract/index.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useKeys } from './use-keys.ts';

const colours: Array<{ colour: ManualColour; key: string; icon: string }> = [
  { colour: 'green', key: '1', icon: '✓' },
  { colour: 'yellow', key: '2', icon: '!' },
  { colour: 'red', key: '3', icon: '✕' },
];

export function ManualStep({ problem, onChoose }: { problem?: HealthCodeResult; onChoose: (colour: ManualColour, why: string) => void }) {
  const { t } = useI18n();
  const defaultWhy = problem && 'detail' in problem ? `${t('couldNotVerify')}: ${problem.detail}` : t('manualWhyDefault');
  const [why, setWhy] = useState(defaultWhy);
  const bindings = useMemo(() => Object.fromEntries(colours.map((c) => [c.key, () => onChoose(c.colour, why || defaultWhy)])), [onChoose, why, defaultWhy]);
  useKeys(bindings);
  return (
    <section className="step step-manual">
      {problem && (
        <div className="notice technical" role="alert">
          <strong>⚠ {t('couldNotVerify')}</strong>
          <span>{'detail' in problem ? problem.detail : ''}</span>
          <span>{t('couldNotVerifyHint')}</span>
        </div>
      )}
      <h2>{t('confirmColour')}</h2>
      <div className="choices">
        {colours.map((c) => (
          <button key={c.colour} type="button" className={`big colour ${c.colour}`} onClick={() => onChoose(c.colour, why || defaultWhy)}>
            <span aria-hidden>{c.icon}</span> {t(c.colour)} <kbd>{c.key}</kbd>
          </button>
        ))}
      </div>
      <label className="why">
        {t('manualWhy')}
        <input value={why} onChange={(e) => setWhy(e.target.value)} maxLength={200} />
      </label>
    </section>
  );
}
